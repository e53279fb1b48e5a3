package dev.bulwark.policy.engine;

import dev.bulwark.policy.engine.eval.CompiledCel;
import dev.bulwark.policy.engine.eval.NotCovered;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/** One compiled library expression: Bulwark's evaluator or the cel-java program. */
sealed interface PolicyExpression {

  /** The value of the expression; an evaluation error as cel-java reports it. */
  Object eval(CelVariableResolver activation) throws CelEvaluationException;

  /** Whether this expression runs on Bulwark's evaluator (rather than only on cel-java). */
  boolean runsCompiled();

  /** The cel-java program: the reference, and the fallback for what is not compiled. */
  record CelJava(CelRuntime.Program program) implements PolicyExpression {
    @Override
    public Object eval(CelVariableResolver activation) throws CelEvaluationException {
      return program.eval(activation);
    }

    @Override
    public boolean runsCompiled() {
      return false;
    }
  }

  /**
   * Bulwark's evaluator, falling back to the cel-java program when the values hit a case it leaves
   * to cel-java. Its errors become CelEvaluationExceptions, as cel-java's are.
   */
  record Compiled(CompiledCel cel, CelRuntime.Program fallback) implements PolicyExpression {
    @Override
    public Object eval(CelVariableResolver activation) throws CelEvaluationException {
      try {
        return cel.eval(activation);
      } catch (NotCovered e) {
        return fallback.eval(activation);
      } catch (RuntimeException e) {
        // EvalError, or what a variable's computation threw: reported as cel-java reports it.
        throw new CelEvaluationException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
      }
    }

    @Override
    public boolean runsCompiled() {
      return true;
    }
  }
}
