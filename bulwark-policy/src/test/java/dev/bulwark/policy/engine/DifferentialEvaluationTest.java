package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.engine.eval.NotCovered;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import dev.bulwark.policy.library.Variable;
import dev.bulwark.policy.library.VariableGraph;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulwark's evaluator against cel-java, the reference: every expression of the library (variables,
 * validations, messageExpressions) over a broad corpus must give the same value, or fail in both.
 * Each expression is evaluated against the same activation, whose variables cel-java computes, so a
 * difference points at the one expression that differs.
 */
class DifferentialEvaluationTest {

  private static final PolicyLibrary LIBRARY = PolicyLibrary.standard();
  private static final PolicyEngine REFERENCE =
      PolicyEngine.create(
          LIBRARY, PolicyLibrary.Selection.ALL, Map.of(), EvaluationRuntime.CEL_JAVA);
  private static final PolicyEngine COMPILED =
      PolicyEngine.create(
          LIBRARY, PolicyLibrary.Selection.ALL, Map.of(), EvaluationRuntime.COMPILED);

  /** One library expression in both runtimes. */
  private record Pair(
      String policyId, String label, PolicyExpression compiled, PolicyExpression reference) {}

  private static List<Pair> pairs;

  @BeforeAll
  static void compileEveryExpression() {
    CelEnvironment env = CelEnvironment.standard();
    pairs = new ArrayList<>();
    for (Policy policy : LIBRARY.policies()) {
      List<String[]> expressions = new ArrayList<>();
      for (Variable v : VariableGraph.variablesFor(LIBRARY, policy)) {
        expressions.add(new String[] {"variable " + v.name(), v.expression()});
      }
      for (int i = 0; i < policy.validations().size(); i++) {
        Validation v = policy.validations().get(i);
        expressions.add(new String[] {"validation " + i, v.expression()});
        if (v.messageExpression() != null) {
          expressions.add(new String[] {"messageExpression " + i, v.messageExpression()});
        }
      }
      for (String[] e : expressions) {
        pairs.add(
            new Pair(
                policy.id(),
                e[0] + ": " + e[1],
                env.expression(e[1], e[0], EvaluationRuntime.COMPILED),
                env.expression(e[1], e[0], EvaluationRuntime.CEL_JAVA)));
      }
    }
  }

  @Test
  void everyLibraryExpressionCompilesToTheFastPath() {
    List<String> fallbacks =
        pairs.stream().filter(p -> !p.compiled().runsCompiled()).map(Pair::label).toList();
    System.out.printf(
        "library expressions: %d compiled, %d fall back to cel-java%n",
        pairs.size() - fallbacks.size(), fallbacks.size());
    assertThat(fallbacks).isEmpty();
    int[] coverage = COMPILED.coverage();
    assertThat(coverage[0]).as("compiled expressions of the engine").isEqualTo(coverage[1]);
    assertThat(REFERENCE.coverage()[0]).isZero();
    int[] byDefault =
        PolicyEngine.create(LIBRARY, PolicyLibrary.Selection.ALL, Map.of()).coverage();
    assertThat(byDefault[0]).as("the default runtime is the compiled one").isEqualTo(byDefault[1]);
  }

  @Test
  void theFixturesEvaluateAlikeAndNeverLeaveTheFastPath() {
    Tally tally = compare(EvaluationCorpus.fixtures());
    assertThat(tally.differences).isEmpty();
    assertThat(tally.notCovered).as("values the fast path left to cel-java").isZero();
    assertThat(tally.errors).as("the fixtures exercise errors too").isPositive();
  }

  @Test
  void variationsWithMissingAndMistypedFieldsEvaluateAlike() {
    List<AdmissionInput> inputs = EvaluationCorpus.variations();
    Tally tally = compare(inputs);
    System.out.printf(
        "differential: %d inputs, %d evaluations, %d errors in both, %d left to cel-java%n",
        inputs.size(), tally.evaluations, tally.errors, tally.notCovered);
    assertThat(tally.differences).isEmpty();
    assertThat(inputs).hasSizeGreaterThan(500);
    assertThat(tally.errors).isGreaterThan(tally.evaluations / 100);
  }

  @Test
  void bothEnginesReportTheSameFindings() {
    List<AdmissionInput> inputs = new ArrayList<>(EvaluationCorpus.fixtures());
    inputs.addAll(EvaluationCorpus.variations());
    for (AdmissionInput input : inputs) {
      assertThat(summary(COMPILED.evaluate(input)))
          .as("findings on %s", input.object())
          .isEqualTo(summary(REFERENCE.evaluate(input)));
    }
  }

  /** Findings without the text of error messages, which the runtimes word differently. */
  private static List<String> summary(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.policyId() + "/" + f.error() + "/" + (f.error() ? "" : f.message()))
        .toList();
  }

  private static final class Tally {
    final List<String> differences = new ArrayList<>();
    int evaluations;
    int errors;
    int notCovered;
  }

  private static Tally compare(List<AdmissionInput> inputs) {
    Tally tally = new Tally();
    for (AdmissionInput input : inputs) {
      for (Pair pair : pairs) {
        CelVariableResolver activation = REFERENCE.activation(pair.policyId(), input);
        Outcome expected = Outcome.of(pair.reference(), activation);
        Outcome actual = Outcome.of(pair.compiled(), activation);
        tally.evaluations++;
        tally.errors += expected.error() != null ? 1 : 0;
        if (pair.compiled() instanceof PolicyExpression.Compiled c) {
          try {
            c.cel().eval(activation);
          } catch (NotCovered e) {
            tally.notCovered++;
          } catch (RuntimeException e) {
            // compared through the PolicyExpression above
          }
        }
        if (!expected.agrees(actual) && tally.differences.size() < 20) {
          tally.differences.add(
              pair.policyId()
                  + " "
                  + pair.label()
                  + "\n  on "
                  + input.object()
                  + "\n  ns "
                  + input.namespaceObject()
                  + "\n  cel-java: "
                  + expected
                  + "\n  compiled: "
                  + actual);
        }
      }
    }
    return tally;
  }

  /** A value, or the message of an evaluation error; the CEL fuzz test compares the same way. */
  record Outcome(Object value, String error) {
    static Outcome of(PolicyExpression expression, CelVariableResolver activation) {
      try {
        return new Outcome(expression.eval(activation), null);
      } catch (Exception e) {
        return new Outcome(null, String.valueOf(e.getMessage()));
      }
    }

    /** Same value (of the same Java type, so 1 and 1.0 differ), or an error in both. */
    boolean agrees(Outcome other) {
      return error != null
          ? other.error != null
          : other.error == null && Objects.equals(value, other.value);
    }
  }
}
