package dev.bulwark.policy.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook judges an object by the policies the exported ValidatingAdmissionPolicyBindings apply
 * to its namespace, so that it and the API server agree: tenant rules stay out of the platform's
 * namespaces and of namespaces that are no tenant's, each tenant is held to its own Pod Security
 * level, and a namespace the webhook could only assume is judged strictly.
 */
class AdmissionScopeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PolicyEngine ENGINE =
      PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());

  /** Breaks only restricted controls: it may run as root, and keeps its capabilities. */
  private static final String ROOT_POD =
      WebhookServerTest.GOOD_POD
          .replace("\"runAsNonRoot\": true, ", "")
          .replace(", \"capabilities\": {\"drop\": [\"ALL\"]}", "");

  private static final Map<String, JsonNode> NAMESPACES =
      Map.of(
          "team-a-dev",
              namespace(
                  "team-a-dev",
                  Map.of(
                      "bulwark.dev/tenant",
                      "team-a",
                      AdmissionInput.PSA + "enforce",
                      "restricted")),
          "team-b-dev",
              namespace(
                  "team-b-dev",
                  Map.of(
                      "bulwark.dev/tenant", "team-b", AdmissionInput.PSA + "enforce", "baseline")),
          "openbao",
              namespace(
                  "openbao",
                  Map.of(
                      "bulwark.dev/tenant",
                      "platform",
                      AdmissionInput.PSA + "enforce",
                      "restricted")),
          "default", namespace("default", Map.of()));

  private static JsonNode namespace(String name, Map<String, String> labels) {
    ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name).set("labels", JSON.valueToTree(labels));
    return ns;
  }

  private static AdmissionHandler handler(NamespaceLookup lookup) {
    return new AdmissionHandler(
        ENGINE,
        lookup,
        ExemptionFile.NONE,
        "bulwark-system",
        WebhookConfig.FailurePolicy.FAIL,
        Clock.systemUTC());
  }

  private static AdmissionHandler.Decision decide(
      NamespaceLookup lookup, String namespace, String pod) throws Exception {
    return handler(lookup)
        .handle(
            JSON.readTree(
                WebhookServerTest.review(namespace, false, pod.replace("team-a-dev", namespace))),
            JSON);
  }

  private static AdmissionHandler.Decision decide(String namespace, String pod) throws Exception {
    return decide(NAMESPACES::get, namespace, pod);
  }

  @Test
  void restrictedControlsApplyInRestrictedTenantNamespacesOnly() throws Exception {
    AdmissionHandler.Decision restricted = decide("team-a-dev", ROOT_POD);
    assertThat(restricted.allowed()).isFalse();
    assertThat(restricted.findings())
        .extracting(Finding::policyId)
        .contains("pss-run-as-non-root", "pss-capabilities-restricted");

    AdmissionHandler.Decision baseline = decide("team-b-dev", ROOT_POD);
    assertThat(baseline.allowed())
        .as("a baseline tenant is not held to restricted controls")
        .isTrue();
    assertThat(baseline.findings())
        .extracting(Finding::policyId)
        .doesNotContain("pss-run-as-non-root");
  }

  @Test
  void baselineControlsStillApplyInBaselineNamespaces() throws Exception {
    AdmissionHandler.Decision privileged = decide("team-b-dev", WebhookServerTest.PRIVILEGED_POD);
    assertThat(privileged.allowed()).isFalse();
    assertThat(privileged.findings()).extracting(Finding::policyId).contains("pss-privileged");
  }

  @Test
  void thePlatformsNamespacesAreJudgedOnlyForPodSecurityAndNamespacesOfNoTenantNotAtAll()
      throws Exception {
    String foreignImage =
        WebhookServerTest.PRIVILEGED_POD.replace(
            "registry.bulwark.example/team-a/app:1.0", "quay.io/openbao/openbao:2.5.5");
    assertThat(decide("openbao", foreignImage).findings())
        .extracting(Finding::policyId)
        .contains("pss-privileged")
        .doesNotContain("platform-image-registry");
    assertThat(decide("default", foreignImage).findings()).isEmpty();
    assertThat(decide("team-a-dev", foreignImage).findings())
        .extracting(Finding::policyId)
        .contains("platform-image-registry", "pss-privileged");
  }

  @Test
  void aNamespaceThatCanOnlyBeAssumedIsJudgedAsATenantsAtTheGivenLevel() throws Exception {
    AdmissionHandler.Decision assumed =
        decide(NamespaceLookup.fixed("restricted", "latest"), "anything", ROOT_POD);
    assertThat(assumed.allowed()).isFalse();
    assertThat(assumed.findings()).extracting(Finding::policyId).contains("pss-run-as-non-root");
  }
}
