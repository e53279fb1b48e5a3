package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule the in-process engine applies ({@link NamespaceBinding}) and the label selector every
 * exported binding and Constraint carries ({@link PolicyObjects#namespaceSelector}) choose the same
 * namespaces, for every policy and every combination of tenant and Pod Security labels.
 */
class NamespaceBindingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theEnginesRuleAndTheExportedSelectorAgree() {
    int bound = 0;
    int combinations = 0;
    for (Policy policy : PolicyLibrary.standard().policies()) {
      JsonNode selector = JSON.valueToTree(PolicyObjects.namespaceSelector(policy));
      for (String tenant : new String[] {null, "platform", "team"}) {
        for (String level : new String[] {null, "privileged", "baseline", "restricted"}) {
          Map<String, String> labels = new HashMap<>();
          if (tenant != null) {
            labels.put("bulwark.dev/tenant", tenant);
          }
          if (level != null) {
            labels.put(NamespaceBinding.PSA_ENFORCE, level);
          }
          ObjectNode namespace = JSON.createObjectNode();
          namespace.putObject("metadata").set("labels", JSON.valueToTree(labels));
          boolean selected = AdmissionSimulator.selectorMatches(selector, namespace);
          assertThat(NamespaceBinding.binds(policy, labels))
              .as("%s in %s", policy.id(), labels)
              .isEqualTo(selected);
          bound += selected ? 1 : 0;
          combinations++;
        }
      }
    }
    assertThat(bound).as("some combinations bind, not all").isPositive().isLessThan(combinations);
  }

  @Test
  void anAssumedNamespaceIsATenantsUnlessItIsThePlatforms() {
    Policy restricted = PolicyLibrary.standard().policy("pss-run-as-non-root").orElseThrow();
    Policy platform = PolicyLibrary.standard().policy("platform-image-registry").orElseThrow();
    Map<String, String> noTenant = Map.of(NamespaceBinding.PSA_ENFORCE, "restricted");
    assertThat(NamespaceBinding.binds(restricted, noTenant)).isFalse();
    assertThat(NamespaceBinding.bindsAssumingTenant(restricted, noTenant)).isTrue();
    assertThat(
            NamespaceBinding.bindsAssumingTenant(
                platform, Map.of("bulwark.dev/tenant", "platform")))
        .isFalse();
    Map<String, String> restrictedPlatform =
        Map.of("bulwark.dev/tenant", "platform", NamespaceBinding.PSA_ENFORCE, "restricted");
    assertThat(NamespaceBinding.binds(restricted, restrictedPlatform))
        .as("Pod Security in the platform's namespaces")
        .isTrue();
    assertThat(NamespaceBinding.binds(platform, restrictedPlatform))
        .as("no tenant rules there")
        .isFalse();
    assertThat(
            NamespaceBinding.bindsAssumingTenant(
                restricted, Map.of(NamespaceBinding.PSA_ENFORCE, "baseline")))
        .isFalse();
  }
}
