package dev.bulwark.policy.engine;

import dev.bulwark.policy.engine.eval.CompiledCel;
import dev.bulwark.policy.engine.eval.NotCovered;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.function.Supplier;

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
  record Compiled(CompiledCel cel, Fallback fallback) implements PolicyExpression {
    @Override
    public Object eval(CelVariableResolver activation) throws CelEvaluationException {
      try {
        return cel.eval(activation);
      } catch (NotCovered e) {
        return fallback.program().eval(activation);
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

  /**
   * The cel-java program of a compiled expression, planned when it is first needed: few expressions
   * ever fall back, and planning them all cost a short run more than evaluating.
   */
  final class Fallback {
    private final Supplier<CelRuntime.Program> plan;
    private CelRuntime.Program program;

    Fallback(Supplier<CelRuntime.Program> plan) {
      this.plan = plan;
    }

    synchronized CelRuntime.Program program() {
      if (program == null) {
        program = plan.get();
      }
      return program;
    }
  }
}
