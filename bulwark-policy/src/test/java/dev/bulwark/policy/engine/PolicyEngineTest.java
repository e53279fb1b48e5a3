package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.library.Category;
import dev.bulwark.policy.library.Match;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import dev.bulwark.policy.library.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine as a ValidatingAdmissionPolicy behaves (Kubernetes' documentation of
 * ValidatingAdmissionPolicy: validations, messageExpression, variables), on small policies written
 * for each rule, in both runtimes.
 */
class PolicyEngineTest {

  private static final Variable SHARED_NAME =
      new Variable("objectName", "has(object.metadata.name) ? object.metadata.name : ''");

  static Policy policy(String id, boolean exemptible, List<Validation> validations) {
    return policy(id, exemptible, List.of(), validations, Map.of());
  }

  static Policy policy(
      String id,
      boolean exemptible,
      List<Variable> variables,
      List<Validation> validations,
      Map<String, Object> params) {
    return new Policy(
        id,
        id,
        "a policy written for this test",
        Policy.GROUP_PLATFORM,
        null,
        Severity.HIGH,
        Category.SECURITY_COMPLIANCE,
        Policy.Action.DENY,
        exemptible,
        new Match(List.of("Deployment", "Pod"), List.of("CREATE", "UPDATE")),
        params,
        variables,
        validations,
        "fix it",
        List.of());
  }

  private static PolicyEngine engine(EvaluationRuntime runtime, Policy... policies) {
    return PolicyEngine.create(
        new PolicyLibrary(List.of(SHARED_NAME), List.of(policies)),
        PolicyLibrary.Selection.ALL,
        Map.of(),
        runtime);
  }

  private static ObjectNode deployment(String name) {
    return Fixtures.yaml(
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: "
            + name
            + ", namespace: team-a-dev}, spec: {replicas: 2}}");
  }

  private static List<Finding> evaluate(EvaluationRuntime runtime, Policy policy, JsonNode object) {
    return engine(runtime, policy).evaluate(AdmissionInput.create(object, null));
  }

  private static Validation fails(String message, String messageExpression) {
    return new Validation("object.metadata.name != 'bad'", message, messageExpression);
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void eachFailedValidationIsAFindingWithItsIndex(EvaluationRuntime runtime) {
    Policy policy =
        policy(
            "two-rules",
            false,
            List.of(
                new Validation("object.spec.replicas > 1", "one replica", null),
                new Validation("object.metadata.name.startsWith('app')", "bad name", null)));
    assertThat(evaluate(runtime, policy, deployment("app"))).isEmpty();
    assertThat(evaluate(runtime, policy, deployment("web")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.validation()).isEqualTo(1);
              assertThat(f.message()).isEqualTo("bad name");
              assertThat(f.error()).isFalse();
              assertThat(f.counts()).isTrue();
              assertThat(f.denies()).isTrue();
              assertThat(f.policyId()).isEqualTo("two-rules");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
            });
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void theMessageComesFromTheMessageExpressionWhenItGivesText(EvaluationRuntime runtime) {
    JsonNode bad = deployment("bad");
    assertThat(
            evaluate(
                runtime,
                policy("m", false, List.of(fails("static", "'name ' + object.metadata.name"))),
                bad))
        .extracting(Finding::message)
        .containsExactly("name bad");
    // As in Kubernetes: an empty text, a non-string or an error falls back to the static message.
    for (String fallsBack : List.of("'  '", "42", "object.metadata.missing")) {
      assertThat(evaluate(runtime, policy("m", false, List.of(fails("static", fallsBack))), bad))
          .as(fallsBack)
          .extracting(Finding::message)
          .containsExactly("static");
    }
    assertThat(evaluate(runtime, policy("m", false, List.of(fails(null, null))), bad))
        .extracting(Finding::message)
        .containsExactly("failed expression: object.metadata.name != 'bad'");
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void aValidationThatIsNotABooleanOrFailsIsAnError(EvaluationRuntime runtime) {
    Policy policy =
        policy(
            "broken",
            false,
            List.of(
                new Validation("object.spec.replicas", "m", null),
                new Validation("object.spec.missing == 1", "m", null)));
    assertThat(evaluate(runtime, policy, deployment("app")))
        .satisfiesExactly(
            f -> {
              assertThat(f.error()).isTrue();
              assertThat(f.validation()).isZero();
              assertThat(f.message())
                  .isEqualTo("validation did not evaluate to a boolean but to 2");
            },
            f -> {
              assertThat(f.error()).isTrue();
              assertThat(f.validation()).isEqualTo(1);
              assertThat(f.message())
                  .isEqualTo("cannot evaluate: key 'missing' is not present in map.");
            });
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void aFailingVariableIsNamedInTheErrorOfTheValidationThatReadsIt(EvaluationRuntime runtime) {
    Policy policy =
        policy(
            "variable",
            false,
            List.of(new Variable("replicas", "object.spec.missing + 1")),
            List.of(new Validation("variables.replicas > 1", "m", null)),
            Map.of());
    assertThat(evaluate(runtime, policy, deployment("app")))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .startsWith("cannot evaluate: variables.replicas: ")
                    .contains("missing"));
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void variablesAreComputedOnceAndSharedOnesServeEveryPolicy(EvaluationRuntime runtime) {
    Policy first =
        policy(
            "first",
            false,
            List.of(new Variable("twice", "variables.objectName + variables.objectName")),
            List.of(
                new Validation("variables.twice != 'badbad'", "twice", null),
                new Validation("variables.objectName != 'bad'", "once", null)),
            Map.of());
    Policy second =
        policy(
            "second",
            false,
            List.of(new Variable("upper", "variables.objectName + '!'")),
            List.of(new Validation("variables.upper != 'bad!'", "second", null)),
            Map.of());
    PolicyEngine engine = engine(runtime, first, second);
    assertThat(engine.evaluate(AdmissionInput.create(deployment("bad"), null)))
        .extracting(Finding::policyId, Finding::message)
        .containsExactly(
            tuple("first", "twice"), tuple("first", "once"), tuple("second", "second"));
    // The cache is per object: the next object gets its own values.
    assertThat(engine.evaluate(AdmissionInput.create(deployment("good"), null))).isEmpty();
    assertThat(engine.coverage()[1]).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void theVariablesMapHoldsTheParametersAndEveryVariable(EvaluationRuntime runtime) {
    Policy policy =
        policy(
            "map",
            false,
            List.of(new Variable("own", "1")),
            List.of(
                new Validation("'params' in variables && 'own' in variables", "has", null),
                new Validation("!('other' in variables)", "not", null),
                new Validation("variables.params.limit == 3", "param", null),
                new Validation("size(variables) == 2", "size", null)),
            Map.of("limit", 3));
    assertThat(evaluate(runtime, policy, deployment("app"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void anAnnotationWithAReasonExemptsFromAnExemptiblePolicyOnly(EvaluationRuntime runtime) {
    List<Validation> rule = List.of(fails("bad name", null));
    ObjectNode annotated = deployment("bad");
    annotated
        .with("metadata")
        .with("annotations")
        .put("exempt.policy.bulwark.dev/exemptible", "  legacy, see ticket 7  ")
        .put("exempt.policy.bulwark.dev/strict", "legacy");
    assertThat(evaluate(runtime, policy("exemptible", true, rule), annotated))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.counts()).isFalse();
              assertThat(f.denies()).isFalse();
              assertThat(f.exemption()).isEqualTo(Exemption.annotation("legacy, see ticket 7"));
              assertThat(f.exemption().source()).isEqualTo("annotation");
            });
    assertThat(evaluate(runtime, policy("strict", false, rule), annotated))
        .singleElement()
        .satisfies(f -> assertThat(f.counts()).isTrue());
    ObjectNode blank = deployment("bad");
    blank.with("metadata").with("annotations").put("exempt.policy.bulwark.dev/exemptible", " ");
    assertThat(evaluate(runtime, policy("exemptible", true, rule), blank))
        .singleElement()
        .satisfies(f -> assertThat(f.counts()).isTrue());
    ObjectNode notText = deployment("bad");
    notText.with("metadata").with("annotations").put("exempt.policy.bulwark.dev/exemptible", true);
    assertThat(PolicyEngine.annotationExemption(policy("exemptible", true, rule), notText))
        .isNull();
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void aPolicyOutsideTheScopeIsNotEvaluated(EvaluationRuntime runtime) {
    PolicyEngine engine =
        engine(
            runtime,
            policy("in", false, List.of(fails("in", null))),
            policy("out", false, List.of(fails("out", null))));
    AdmissionInput input = AdmissionInput.create(deployment("bad"), null);
    assertThat(engine.evaluate(input, p -> p.id().equals("in")))
        .extracting(Finding::policyId)
        .containsExactly("in");
    assertThat(engine.evaluate(input)).extracting(Finding::policyId).containsExactly("in", "out");
    assertThat(engine.policies()).extracting(Policy::id).containsExactly("in", "out");
  }

  @ParameterizedTest
  @EnumSource(EvaluationRuntime.class)
  void aVariableThatReadsAFailingOneFailsWithBothNames(EvaluationRuntime runtime) {
    Policy policy =
        policy(
            "chain",
            false,
            List.of(new Variable("b", "object.spec.missing"), new Variable("a", "variables.b + 1")),
            List.of(
                new Validation("variables.a > 1", "m", null),
                new Validation("variables.b > 1", "m", null)),
            Map.of());
    assertThat(evaluate(runtime, policy, deployment("app")))
        .satisfiesExactly(
            f ->
                assertThat(f.message())
                    .startsWith("cannot evaluate: variables.a: ")
                    .contains("variables.b: ")
                    .endsWith("key 'missing' is not present in map."),
            // cel-java keeps its "evaluation error at <input>:n:" inside a variable's message.
            f ->
                assertThat(f.message())
                    .startsWith("cannot evaluate: variables.b: ")
                    .endsWith("key 'missing' is not present in map."));
  }
}
