package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.AdmissionInput;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PlatformRulesTest;
import dev.bulwark.policy.engine.PodSecurityStandardsTest;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same CEL, evaluated in-process by the engine and as written in the exported
 * ValidatingAdmissionPolicies and Gatekeeper templates, gives the same verdicts on every fixture of
 * the PSS and platform tests.
 */
class SideBySideTest {

  static final AdmissionSimulator SIMULATOR = new AdmissionSimulator();
  static final Map<String, JsonNode[]> VAP = new HashMap<>();
  static final Map<String, JsonNode[]> GATEKEEPER = new HashMap<>();

  @BeforeAll
  static void export() throws Exception {
    PolicyLibrary library = PolicyLibrary.standard();
    read(VapExporter.export(library, Map.of(), Ownership.platform()), VAP);
    read(GatekeeperExporter.export(library, Map.of(), Ownership.platform()), GATEKEEPER);
  }

  /** Pairs (policy, binding) by policy id, each read back from its YAML text. */
  private static void read(List<HasMetadata> objects, Map<String, JsonNode[]> into)
      throws Exception {
    for (int i = 0; i < objects.size(); i += 2) {
      JsonNode policy = Fixtures.YAML.readTree(Manifests.toYaml(objects.get(i)));
      JsonNode binding = Fixtures.YAML.readTree(Manifests.toYaml(objects.get(i + 1)));
      into.put(
          binding.path("metadata").path("name").asText().substring(PolicyObjects.PREFIX.length()),
          new JsonNode[] {policy, binding});
    }
  }

  static Stream<Arguments> fixtures() {
    List<Arguments> all = new ArrayList<>();
    PodSecurityStandardsTest.cases()
        .forEach(
            a -> {
              Object[] x = a.get();
              ObjectNode pod = Fixtures.yaml(PodSecurityStandardsTest.BASE);
              PodSecurityStandardsTest.merge(
                  (ObjectNode) pod.get("spec"), Fixtures.yaml((String) x[4]));
              all.add(
                  Arguments.of(
                      x[0] + " " + x[1] + "/" + x[2] + " " + x[4],
                      pod,
                      namespace("team-a-dev", (String) x[1], (String) x[2], "dev")));
            });
    PlatformRulesTest.cases()
        .forEach(
            a -> {
              Object[] x = a.get();
              JsonNode object = Fixtures.yaml((String) x[3]);
              all.add(
                  Arguments.of(
                      x[0] + " " + x[3],
                      object,
                      namespace(
                          object.path("metadata").path("namespace").asText(),
                          "restricted",
                          "latest",
                          (String) x[2])));
            });
    all.add(
        Arguments.of(
            "annotation exemption",
            Fixtures.yaml(
                """
        {apiVersion: apps/v1, kind: Deployment, metadata: {name: w, namespace: team-a-dev,
         annotations: {exempt.policy.bulwark.dev/platform-probes: queue worker, exempt.policy.bulwark.dev/pss-privileged: not allowed}},
         spec: {template: {spec: {containers: [{name: a, image: i, securityContext: {privileged: true}}]}}}}"""),
            namespace("team-a-dev", "baseline", "latest", "dev")));
    return all.stream();
  }

  static JsonNode namespace(String name, String level, String version, String environment) {
    return AdmissionInput.namespace(
        name,
        level,
        version,
        Map.of("bulwark.dev/tenant", "team-a", "bulwark.dev/environment", environment));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void engineAndExportedObjectsAgree(String name, JsonNode object, JsonNode namespace) {
    TreeSet<String> engine = new TreeSet<>();
    for (Finding f : Fixtures.engine().evaluate(AdmissionInput.create(object, namespace))) {
      assertThat(f.error()).as(f.message()).isFalse();
      if (f.counts() && boundAt(f, namespace)) {
        engine.add(f.policyId() + "#" + f.validation());
      }
    }
    assertThat(verdicts(VAP, object, namespace, false))
        .as("ValidatingAdmissionPolicy")
        .isEqualTo(engine);
    assertThat(verdicts(GATEKEEPER, object, namespace, true)).as("Gatekeeper").isEqualTo(engine);
  }

  /**
   * The engine runs every selected policy; in the cluster, a PSS policy binds only at its level.
   */
  private static boolean boundAt(Finding f, JsonNode namespace) {
    return AdmissionSimulator.selectorMatches(
        Fixtures.YAML.valueToTree(PolicyObjects.namespaceSelector(f.policy())), namespace);
  }

  private static TreeSet<String> verdicts(
      Map<String, JsonNode[]> exported, JsonNode object, JsonNode namespace, boolean gatekeeper) {
    TreeSet<String> failed = new TreeSet<>();
    exported.forEach(
        (id, pair) -> {
          List<String> failures =
              gatekeeper
                  ? SIMULATOR.evaluateGatekeeper(pair[0], pair[1], object, namespace)
                  : SIMULATOR.evaluateVap(pair[0], pair[1], object, namespace);
          if (failures != null) {
            failures.forEach(i -> failed.add(id + "#" + i));
          }
        });
    return failed;
  }
}
