package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.library.Category;
import dev.bulwark.policy.library.Match;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a policy sees of a request (the variables of a ValidatingAdmissionPolicy: object, oldObject,
 * request, namespaceObject, params) and what its findings mean for admission.
 */
class AdmissionInputTest {

  private static final JsonNode DEPLOYMENT =
      Fixtures.yaml(
          "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: team-a-dev}}");

  @Test
  void anAuditInputIsACreateOfTheObjectInItsNamespace() {
    JsonNode ns = AdmissionInput.namespace("team-a-dev", "baseline", "v1.30", Map.of());
    AdmissionInput input = AdmissionInput.create(DEPLOYMENT, ns);
    assertThat(input.kind()).isEqualTo("Deployment");
    assertThat(input.name()).isEqualTo("web");
    assertThat(input.operation()).isEqualTo("CREATE");
    assertThat(input.namespace()).isEqualTo("team-a-dev");
    assertThat(input.oldObject()).isNull();
    assertThat(input.namespaceObject()).isSameAs(ns);
    assertThat(input.request())
        .isEqualTo(
            Fixtures.yaml("{operation: CREATE, namespace: team-a-dev, name: web, dryRun: false}"));
    AdmissionInput bare = AdmissionInput.create(Fixtures.yaml("{apiVersion: v1}"), null);
    assertThat(bare.kind()).isEmpty();
    assertThat(bare.name()).isEmpty();
    assertThat(bare.namespace()).isEmpty();
    assertThat(bare.request().path("name").asText()).isEmpty();
  }

  @Test
  void anAssumedNamespaceCarriesThePodSecurityLabelsAndItsOtherLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("bulwark.dev/tenant", "team-a");
    labels.put("pod-security.kubernetes.io/enforce", "privileged");
    ObjectNode ns = AdmissionInput.namespace("team-a-dev", "restricted", "v1.29", labels);
    assertThat(ns)
        .isEqualTo(
            Fixtures.yaml(
                "{apiVersion: v1, kind: Namespace, metadata: {name: team-a-dev,"
                    + " annotations: {policy.bulwark.dev/assumed: 'true'},"
                    + " labels: {bulwark.dev/tenant: team-a,"
                    + " pod-security.kubernetes.io/enforce: restricted,"
                    + " pod-security.kubernetes.io/enforce-version: v1.29}}}"));
    assertThat(AdmissionInput.namespace(null, "baseline", "latest", Map.of()).at("/metadata/name"))
        .hasToString("\"default\"");
    assertThat(AdmissionInput.namespace("", "baseline", "latest", Map.of()).at("/metadata/name"))
        .hasToString("\"default\"");
  }

  private static Policy policy(Policy.Action action, String expression) {
    return new Policy(
        "request-rule",
        "t",
        "d",
        Policy.GROUP_PLATFORM,
        null,
        Severity.LOW,
        Category.INFRASTRUCTURE,
        action,
        false,
        new Match(List.of("Deployment"), List.of("CREATE", "UPDATE")),
        Map.of(),
        List.of(),
        List.of(new Validation(expression, "failed", null)),
        "r",
        List.of());
  }

  private static List<Finding> evaluate(Policy policy, AdmissionInput input) {
    return PolicyEngine.create(
            new PolicyLibrary(List.of(), List.of(policy)), PolicyLibrary.Selection.ALL, Map.of())
        .evaluate(input);
  }

  @Test
  void everyVariableOfTheRequestIsBound() {
    JsonNode ns = AdmissionInput.namespace("team-a-dev", "baseline", "v1.30", Map.of());
    String expression =
        "object.metadata.name == 'web' && oldObject == null && params == null"
            + " && request.operation == 'CREATE' && request.name == 'web' && !request.dryRun"
            + " && request.namespace == 'team-a-dev'"
            + " && namespaceObject.metadata.labels['pod-security.kubernetes.io/enforce'] =="
            + " 'baseline'";
    for (EvaluationRuntime runtime : EvaluationRuntime.values()) {
      Policy policy = policy(Policy.Action.DENY, expression);
      PolicyEngine engine =
          PolicyEngine.create(
              new PolicyLibrary(List.of(), List.of(policy, policy(Policy.Action.WARN, expression))),
              PolicyLibrary.Selection.ALL,
              Map.of(),
              runtime);
      assertThat(engine.evaluate(AdmissionInput.create(DEPLOYMENT, ns)))
          .as("%s", runtime)
          .isEmpty();
    }
  }

  @Test
  void anUpdateSeesTheOldObject() {
    JsonNode old =
        Fixtures.yaml(
            "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: team-a-dev,"
                + " labels: {v: '1'}}}");
    AdmissionInput update =
        new AdmissionInput(
            DEPLOYMENT, old, "UPDATE", "team-a-dev", null, Fixtures.yaml("{operation: UPDATE}"));
    assertThat(
            evaluate(
                policy(
                    Policy.Action.DENY,
                    "oldObject.metadata.labels.v == '1' && namespaceObject == null"),
                update))
        .isEmpty();
  }

  @Test
  void aWarningCountsButDoesNotDeny() {
    List<Finding> findings =
        evaluate(policy(Policy.Action.WARN, "false"), AdmissionInput.create(DEPLOYMENT, null));
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.counts()).isTrue();
              assertThat(f.denies()).isFalse();
              assertThat(f.severity()).isEqualTo(Severity.LOW);
              assertThat(f.exempt(Exemption.annotation("why")).counts()).isFalse();
              assertThat(f.exempt(Exemption.annotation("why")))
                  .usingRecursiveComparison()
                  .ignoringFields("exemption")
                  .isEqualTo(f);
            });
  }

  @Test
  void aCompiledProgramEvaluatesOverAMapActivation() throws Exception {
    assertThat(
            CelEnvironment.eval(
                CelEnvironment.standard().compile("object.n + 1 == 3", "test"),
                Map.of("object", Map.of("n", 2L))))
        .isEqualTo(true);
  }

  @Test
  void anExpressionThatIsNotCelNamesWhereItComesFrom() {
    assertThatThrownBy(() -> CelEnvironment.standard().compile("object.(", "policy p validation 0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("policy p validation 0: invalid CEL: ");
    assertThatThrownBy(
            () ->
                CelEnvironment.standard()
                    .expression(
                        "unknown.x == 1", "policy q variable v", EvaluationRuntime.COMPILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("policy q variable v: invalid CEL: ")
        .hasMessageContaining("unknown");
  }
}
