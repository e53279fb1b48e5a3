package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Which policies judge an object: a policy's match (kind, API group, operation), the namespace
 * binding the exported ValidatingAdmissionPolicyBindings carry, and parameter overrides.
 */
class PolicyBindingTest {

  private static final PolicyLibrary LIBRARY = PolicyLibrary.standard();
  private static final Policy REGISTRY = LIBRARY.policy("platform-image-registry").orElseThrow();
  private static final Policy PRIVILEGED = LIBRARY.policy("pss-privileged").orElseThrow();
  private static final Policy RUN_AS_NON_ROOT = LIBRARY.policy("pss-run-as-non-root").orElseThrow();

  private static JsonNode object(String apiVersion, String kind) {
    return Fixtures.yaml(
        "{apiVersion: " + apiVersion + ", kind: " + kind + ", metadata: {name: x}}");
  }

  @Test
  void aPolicyMatchesItsKindsInTheirApiGroupForItsOperations() {
    assertThat(PolicyEngine.matches(REGISTRY, object("apps/v1", "Deployment"), "CREATE")).isTrue();
    assertThat(PolicyEngine.matches(REGISTRY, object("v1", "Pod"), "UPDATE")).isTrue();
    assertThat(PolicyEngine.matches(REGISTRY, object("batch/v1", "CronJob"), "CREATE")).isTrue();
    // Another group's kind of the same name is another resource.
    assertThat(PolicyEngine.matches(REGISTRY, object("example.com/v1", "Deployment"), "CREATE"))
        .isFalse();
    assertThat(PolicyEngine.matches(REGISTRY, object("apps/v1", "Pod"), "CREATE")).isFalse();
    assertThat(PolicyEngine.matches(REGISTRY, object("v1", "Service"), "CREATE")).isFalse();
    assertThat(PolicyEngine.matches(REGISTRY, object("apps/v1", "Deployment"), "DELETE")).isFalse();
    assertThat(PolicyEngine.matches(REGISTRY, Fixtures.yaml("{metadata: {name: x}}"), "CREATE"))
        .isFalse();
  }

  private static ObjectNode namespace(Map<String, String> labels) {
    ObjectNode ns = Fixtures.yaml("{apiVersion: v1, kind: Namespace, metadata: {name: ns}}");
    ObjectNode l = ns.with("metadata").putObject("labels");
    labels.forEach(l::put);
    return ns;
  }

  private static Predicate<Policy> boundTo(JsonNode object, JsonNode namespace) {
    return PolicyEngine.boundTo(AdmissionInput.create(object, namespace));
  }

  private static final JsonNode POD = object("v1", "Pod");

  @Test
  void anObjectInATenantNamespaceIsJudgedByTheRulesBoundThere() {
    Predicate<Policy> tenantBaseline =
        boundTo(
            POD,
            namespace(
                Map.of(
                    "bulwark.dev/tenant", "team-a",
                    "pod-security.kubernetes.io/enforce", "baseline")));
    assertThat(tenantBaseline.test(REGISTRY)).isTrue();
    assertThat(tenantBaseline.test(PRIVILEGED)).isTrue();
    assertThat(tenantBaseline.test(RUN_AS_NON_ROOT)).isFalse();

    Predicate<Policy> platform =
        boundTo(
            POD,
            namespace(
                Map.of(
                    "bulwark.dev/tenant", "platform",
                    "pod-security.kubernetes.io/enforce", "restricted")));
    assertThat(platform.test(REGISTRY)).isFalse();
    assertThat(platform.test(RUN_AS_NON_ROOT)).isTrue();
  }

  @Test
  void aNamespaceBulwarkDoesNotLabelBindsNothing() {
    Predicate<Policy> unlabelled =
        boundTo(POD, namespace(Map.of("pod-security.kubernetes.io/enforce", "restricted")));
    assertThat(unlabelled.test(REGISTRY)).isFalse();
    assertThat(unlabelled.test(PRIVILEGED)).isFalse();
  }

  @Test
  void anAssumedNamespaceIsATenantsUnlessItsLabelsSayOtherwise() {
    JsonNode assumed = AdmissionInput.namespace("team-a-dev", "restricted", "latest", Map.of());
    Predicate<Policy> scope = boundTo(POD, assumed);
    assertThat(scope.test(REGISTRY)).isTrue();
    assertThat(scope.test(RUN_AS_NON_ROOT)).isTrue();
    JsonNode platform =
        AdmissionInput.namespace(
            "bulwark-system", "baseline", "latest", Map.of("bulwark.dev/tenant", "platform"));
    assertThat(boundTo(POD, platform).test(REGISTRY)).isFalse();
    assertThat(boundTo(POD, platform).test(PRIVILEGED)).isTrue();
  }

  @Test
  void aNamespaceIsJudgedByItsOwnLabelsAndOtherClusterScopedObjectsAlways() {
    ObjectNode platformNs = namespace(Map.of("bulwark.dev/tenant", "platform"));
    JsonNode tenantNs = namespace(Map.of("bulwark.dev/tenant", "team-a"));
    // The namespace object of the request is ignored for a Namespace: its own labels decide.
    assertThat(boundTo(platformNs, tenantNs).test(REGISTRY)).isFalse();
    assertThat(boundTo(tenantNs, platformNs).test(REGISTRY)).isTrue();
    // A kind named Namespace in another group is an ordinary object.
    JsonNode lookalike =
        Fixtures.yaml(
            "{apiVersion: example.com/v1, kind: Namespace, metadata: {labels: {bulwark.dev/tenant: platform}}}");
    assertThat(boundTo(lookalike, tenantNs).test(REGISTRY)).isTrue();
    JsonNode clusterRoleBinding = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
    assertThat(boundTo(clusterRoleBinding, null).test(REGISTRY)).isTrue();
    AdmissionInput nullNamespace =
        new AdmissionInput(
            POD, null, "CREATE", "", com.fasterxml.jackson.databind.node.NullNode.instance, null);
    assertThat(PolicyEngine.boundTo(nullNamespace).test(PRIVILEGED)).isTrue();
    AdmissionInput missingNamespace =
        new AdmissionInput(
            POD,
            null,
            "CREATE",
            "",
            com.fasterxml.jackson.databind.node.MissingNode.getInstance(),
            null);
    assertThat(PolicyEngine.boundTo(missingNamespace).test(PRIVILEGED)).isTrue();
  }

  @Test
  void overridesReplaceOnlyTheParametersAPolicyDeclares() {
    Map<String, Object> params =
        PolicyEngine.effectiveParams(
            REGISTRY, Map.of("platformRegistry", "registry.acme.example", "domain", "acme"));
    assertThat(params)
        .containsEntry("platformRegistry", "registry.acme.example")
        .containsEntry("allowedRegistries", List.of())
        .doesNotContainKey("domain");
    assertThat(PolicyEngine.effectiveParams(REGISTRY, Map.of())).isEqualTo(REGISTRY.params());
  }

  @Test
  void overridesAreParsedByTheTypeOfTheirDefault() {
    Map<String, Object> parsed =
        PolicyEngine.parseOverrides(
            LIBRARY,
            Map.of(
                "allowedRegistries", "a.example, b.example",
                "tenantSubdomains", "false",
                "platformRegistry", "registry.acme.example"));
    assertThat(parsed)
        .containsEntry("allowedRegistries", List.of("a.example", "b.example"))
        .containsEntry("tenantSubdomains", false)
        .containsEntry("platformRegistry", "registry.acme.example")
        .hasSize(3);
    assertThatThrownBy(() -> PolicyEngine.parseOverrides(LIBRARY, Map.of("registry", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no policy has a parameter named 'registry'; known: [")
        .hasMessageContaining("allowedRegistries, ")
        .hasMessageContaining("platformRegistry");
  }

  @Test
  void anOverrideChangesWhatThePolicyAccepts() {
    JsonNode deployment =
        Fixtures.yaml(
            PlatformRulesTest.deployment(
                PlatformRulesTest.GOOD_CONTAINER.replace(
                    "registry.bulwark.example/", "mirror.acme.example/"),
                ""));
    JsonNode ns = AdmissionInput.namespace("team-a-dev", "restricted", "latest", Map.of());
    PolicyEngine strict = PolicyEngine.create(LIBRARY, PolicyLibrary.Selection.PLATFORM, Map.of());
    PolicyEngine allowing =
        PolicyEngine.create(
            LIBRARY,
            PolicyLibrary.Selection.PLATFORM,
            PolicyEngine.parseOverrides(
                LIBRARY, Map.of("allowedRegistries", "mirror.acme.example")));
    assertThat(strict.evaluate(AdmissionInput.create(deployment, ns)))
        .extracting(Finding::policyId)
        .contains("platform-image-registry");
    assertThat(allowing.evaluate(AdmissionInput.create(deployment, ns)))
        .extracting(Finding::policyId)
        .doesNotContain("platform-image-registry");
    assertThat(allowing.library()).isSameAs(LIBRARY);
    assertThat(allowing.policies()).noneMatch(Policy::isPss);
  }
}
