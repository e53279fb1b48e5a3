package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.schema.Schemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admission controller audits the policy engine's library: with Gatekeeper every library policy
 * is a ConstraintTemplate applied after Gatekeeper's CRDs and a Constraint applied after its
 * template, with parameters its template accepts; with Kyverno every policy is a ClusterPolicy
 * valid against Kyverno's CRD. Both carry the parameters the engine's own unit derives from the
 * spec, and both only audit, failing open, while the ValidatingAdmissionPolicies deny (ADR 0012).
 */
class AdmissionWiringTest {

  private static final int LIBRARY_SIZE = PolicyLibrary.standard().policies().size();

  @Test
  void gatekeeperGetsEveryPolicyAsTemplateAndConstraintInOrder() {
    DesiredState state = Profiles.state("full");
    int gatekeeperWave = wave(find(state, "Application", "gatekeeper"));
    Map<String, JsonNode> templates = new HashMap<>();
    for (DesiredObject t : kind(state, "ConstraintTemplate")) {
      JsonNode template = tree(t);
      templates.put(template.at("/spec/crd/spec/names/kind").asText(), template);
      assertThat(wave(t)).as("template after Gatekeeper's CRDs").isGreaterThan(gatekeeperWave);
    }
    assertThat(templates).hasSize(LIBRARY_SIZE);
    List<DesiredObject> constraints =
        state.objects().stream()
            .filter(o -> o.key().group().equals("constraints.gatekeeper.sh"))
            .toList();
    assertThat(constraints).hasSize(LIBRARY_SIZE);
    for (DesiredObject c : constraints) {
      JsonNode constraint = tree(c);
      JsonNode template = templates.get(c.key().kind());
      assertThat(template).as("template of %s", c.key().kind()).isNotNull();
      assertThat(wave(c))
          .as("constraint after its template")
          .isGreaterThan(
              Integer.parseInt(
                  template.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText()));
      assertThat(constraint.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText())
          .contains("SkipDryRunOnMissingResource=true");
      Schema parameters =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
              .getSchema(template.at("/spec/crd/spec/validation/openAPIV3Schema"));
      if (!constraint.at("/spec/parameters").isMissingNode()) {
        assertThat(parameters.validate(constraint.at("/spec/parameters")))
            .as(c.key().kind())
            .isEmpty();
      }
    }
    assertThat(constraints)
        .allSatisfy(
            c -> assertThat(tree(c).at("/spec/enforcementAction").asText()).isEqualTo("dryrun"));
    assertThat(
            tree(find(state, "Application", "gatekeeper"))
                .at("/spec/source/helm/valuesObject/validatingWebhookFailurePolicy")
                .asText())
        .isEqualTo("Ignore");
    assertVapsDeny(state);
    JsonNode routeHosts =
        tree(
            constraints.stream()
                .filter(c -> c.key().name().equals("bulwark-platform-route-hosts"))
                .findFirst()
                .orElseThrow());
    assertThat(routeHosts.at("/spec/parameters/domain").asText())
        .as("parameters from the spec")
        .isEqualTo("full.example.com");
  }

  @Test
  void kyvernoGetsEveryPolicyAsAClusterPolicy() throws IOException {
    String full;
    try (InputStream in = AdmissionWiringTest.class.getResourceAsStream("/profiles/full.yaml")) {
      full = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    LoadResult loaded =
        SpecLoader.loadStrings(
            Map.of(
                "full.yaml",
                full.replace(
                    "  components:\n",
                    "  components:\n    policy:\n      implementation: kyverno\n")));
    assertThat(loaded.errors()).as(loaded.ok() ? "" : loaded.report()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    int kyvernoWave = wave(find(state, "Application", "kyverno"));
    List<DesiredObject> policies = kind(state, "ClusterPolicy");
    assertThat(policies).hasSize(LIBRARY_SIZE);
    for (DesiredObject p : policies) {
      assertThat(Schemas.describe(p.object())).as(p.key().name()).isEmpty();
      assertThat(wave(p)).isGreaterThan(kyvernoWave);
      JsonNode policy = tree(p);
      assertThat(policy.at("/spec/rules/0/validate/failureAction").asText())
          .as(p.key().name())
          .isEqualTo("Audit");
      assertThat(policy.at("/spec/failurePolicy").asText()).as(p.key().name()).isEqualTo("Ignore");
    }
    assertThat(kind(state, "ConstraintTemplate")).isEmpty();
    assertVapsDeny(state);
  }

  /** Enforcement stays with the API server: every deny policy of the library is bound with Deny. */
  private static void assertVapsDeny(DesiredState state) {
    List<DesiredObject> bindings = kind(state, "ValidatingAdmissionPolicyBinding");
    // The library's, and the tenant floor's guard (ADR 0029), which denies.
    assertThat(bindings).hasSize(LIBRARY_SIZE + 1);
    long denying =
        bindings.stream()
            .filter(b -> tree(b).at("/spec/validationActions").toString().contains("Deny"))
            .count();
    long denyPolicies =
        PolicyLibrary.standard().policies().stream()
            .filter(p -> p.action() == dev.bulwark.policy.library.Policy.Action.DENY)
            .count();
    assertThat(denying).isEqualTo(denyPolicies + 1).isPositive();
  }

  /** The operator applies these objects live, so the chart's ClusterRole must name every kind. */
  @Test
  void theOperatorsChartRoleNamesEveryAdmissionKind() throws IOException {
    java.nio.file.Path role =
        dev.bulwark.controlplane.SharedData.repoDir()
            .resolve("deploy/helm/bulwark/templates/clusterrole.yaml");
    dev.bulwark.testkit.Needed.require(
        java.nio.file.Files.exists(role),
        "the operator's Helm chart at " + role + " (run from a full checkout)");
    String yaml =
        java.nio.file.Files.readAllLines(role).stream()
            .filter(l -> !l.contains("{{"))
            .reduce("", (a, b) -> a + b + "\n");
    java.util.Set<String> granted = new java.util.HashSet<>();
    for (JsonNode rule :
        new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(yaml)
            .path("rules")) {
      rule.path("apiGroups")
          .forEach(
              g -> rule.path("resources").forEach(r -> granted.add(g.asText() + "/" + r.asText())));
    }
    for (var policy : PolicyLibrary.standard().policies()) {
      String plural =
          dev.bulwark.policy.export.GatekeeperExporter.kind(policy)
              .toLowerCase(java.util.Locale.ROOT);
      assertThat(granted).contains("constraints.gatekeeper.sh/" + plural);
    }
    assertThat(granted)
        .contains(
            "templates.gatekeeper.sh/constrainttemplates",
            "kyverno.io/clusterpolicies",
            "postgresql.cnpg.io/scheduledbackups",
            "networking.k8s.io/ingresses");
  }

  private static List<DesiredObject> kind(DesiredState state, String kind) {
    return state.objects().stream().filter(o -> o.key().kind().equals(kind)).toList();
  }

  private static DesiredObject find(DesiredState state, String kind, String name) {
    return kind(state, kind).stream()
        .filter(o -> o.key().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static int wave(DesiredObject object) {
    return Integer.parseInt(
        object.object().getMetadata().getAnnotations().get("argocd.argoproj.io/sync-wave"));
  }

  private static JsonNode tree(DesiredObject object) {
    return Manifests.mapper().valueToTree(object.object());
  }
}
