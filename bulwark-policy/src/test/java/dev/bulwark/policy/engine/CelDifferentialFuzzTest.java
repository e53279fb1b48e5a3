package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.engine.eval.EvalError;
import dev.bulwark.policy.engine.eval.NotCovered;
import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * Generated CEL expressions over generated objects: Bulwark's evaluator and cel-java give the same
 * value (of the same Java type) or both fail. Bulwark's evaluator itself only ever fails with an
 * {@link EvalError}, or with {@link NotCovered} for a case it leaves to cel-java. Accepted
 * differences (ADR 0037): the wording of error messages, and expressions the checker rejects (the
 * same parser and checker serve both runtimes, so there is nothing to compare).
 *
 * <p>The normal test run replays the seeds in {@code CelDifferentialFuzzTestInputs/}; {@code
 * tools/fuzz.sh cel DURATION} fuzzes for longer.
 */
class CelDifferentialFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void bothRuntimesAgree(FuzzedDataProvider data) {
    Object object = CelValues.of(FuzzedCel.object(data, 3));
    String expression = FuzzedCel.expression(data, 4);
    PolicyExpression compiled;
    PolicyExpression reference;
    try {
      compiled =
          CelEnvironment.standard().expression(expression, "fuzz", EvaluationRuntime.COMPILED);
      reference =
          CelEnvironment.standard().expression(expression, "fuzz", EvaluationRuntime.CEL_JAVA);
    } catch (IllegalArgumentException notCel) {
      return; // the checker rejects it for both runtimes alike
    }
    CelVariableResolver activation =
        name -> Optional.ofNullable(name.equals("object") ? object : null);
    if (compiled instanceof PolicyExpression.Compiled fast) {
      try {
        fast.cel().eval(activation);
      } catch (EvalError | NotCovered expected) {
        // an evaluation error, or a case left to cel-java: both are part of the contract
      }
    }
    DifferentialEvaluationTest.Outcome expected =
        DifferentialEvaluationTest.Outcome.of(reference, activation);
    DifferentialEvaluationTest.Outcome actual =
        DifferentialEvaluationTest.Outcome.of(compiled, activation);
    assertThat(actual.agrees(expected))
        .as("%s%n  on %s%n  cel-java: %s%n  compiled: %s", expression, object, expected, actual)
        .isTrue();
  }
}
