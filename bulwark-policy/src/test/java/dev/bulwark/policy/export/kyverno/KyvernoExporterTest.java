package dev.bulwark.policy.export.kyverno;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.export.VapExporter;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Ownership;
import dev.bulwark.testkit.schema.Schemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Kyverno target is valid against Kyverno's ClusterPolicy CRD and carries exactly the CEL of
 * the ValidatingAdmissionPolicy target: same variables (parameters included), expressions,
 * messages, exemption condition and namespace selection, so the three targets cannot drift.
 */
class KyvernoExporterTest {

  private static final PolicyLibrary LIBRARY = PolicyLibrary.standard();
  private static final Map<String, Object> PARAMS = Map.of("domain", "acme.example.com");

  @Test
  void everyClusterPolicyMatchesKyvernosSchema() {
    List<HasMetadata> objects = KyvernoExporter.export(LIBRARY, PARAMS, Ownership.platform());
    assertThat(objects).hasSize(LIBRARY.policies().size());
    for (HasMetadata o : objects) {
      assertThat(Schemas.describe(o)).as(o.getMetadata().getName()).isEmpty();
    }
  }

  @Test
  void theCelIsTheVapTargetsCel() {
    List<HasMetadata> vap = VapExporter.export(LIBRARY, PARAMS, Ownership.platform());
    List<HasMetadata> kyverno = KyvernoExporter.export(LIBRARY, PARAMS, Ownership.platform());
    for (int i = 0; i < LIBRARY.policies().size(); i++) {
      Policy policy = LIBRARY.policies().get(i);
      JsonNode v = tree(vap.get(2 * i));
      JsonNode binding = tree(vap.get(2 * i + 1));
      JsonNode k = tree(kyverno.get(i));
      JsonNode rule = k.at("/spec/rules/0");
      assertThat(k.at("/metadata/name").asText()).isEqualTo(v.at("/metadata/name").asText());
      assertThat(rule.at("/validate/cel/variables"))
          .as("variables of %s", policy.id())
          .isEqualTo(
              v.at("/spec/variables").isMissingNode()
                  ? rule.at("/validate/cel/variables")
                  : v.at("/spec/variables"));
      for (int e = 0; e < policy.validations().size(); e++) {
        JsonNode ke = rule.at("/validate/cel/expressions/" + e);
        JsonNode ve = v.at("/spec/validations/" + e);
        assertThat(ke.path("expression")).isEqualTo(ve.path("expression"));
        assertThat(ke.path("message")).isEqualTo(ve.path("message"));
        assertThat(ke.path("messageExpression")).isEqualTo(ve.path("messageExpression"));
      }
      assertThat(rule.at("/celPreconditions"))
          .isEqualTo(
              v.at("/spec/matchConditions").isMissingNode()
                  ? rule.at("/celPreconditions")
                  : v.at("/spec/matchConditions"));
      assertThat(rule.at("/match/any/0/resources/namespaceSelector"))
          .isEqualTo(binding.at("/spec/matchResources/namespaceSelector"));
      assertThat(rule.at("/validate/failureAction").asText())
          .isEqualTo(policy.action() == Policy.Action.DENY ? "Enforce" : "Audit");
    }
  }

  @Test
  void kindsAreNamedAcrossVersions() {
    for (HasMetadata o : KyvernoExporter.export(LIBRARY, PARAMS, Ownership.platform())) {
      tree(o)
          .at("/spec/rules/0/match/any/0/resources/kinds")
          .forEach(
              kind ->
                  assertThat(kind.asText())
                      .matches("[A-Z][A-Za-z]+|[a-z0-9.]+/\\*/[A-Z][A-Za-z]+"));
    }
  }

  private static JsonNode tree(HasMetadata object) {
    return Manifests.mapper().valueToTree(object);
  }
}
