package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.DesiredState;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scanner stages of the full profile's {@code shop} pipeline (ADR 0039): catalogue images,
 * nothing fetched at scan time, the reports the gate reads are the ones the scanners write, and the
 * gate's spec loads as a spec.
 */
class ScanTasksTest {

  private static final String CI_NS = TenantCi.namespace("shop");
  private static final DesiredState STATE = render(full());

  @Test
  void everyScannerStepRunsACatalogueImageSoTheMirrorCopiesIt() {
    Map<String, String> catalogue = new LinkedHashMap<>();
    Catalogue.standard().components().stream()
        .flatMap(c -> c.images().stream())
        .forEach(i -> catalogue.put(i.name(), i.reference()));
    assertThat(images(ScanTasks.SAST))
        .containsExactly(
            catalogue.get(ScanTasks.SEMGREP_IMAGE),
            catalogue.get(ScanTasks.GITLEAKS_IMAGE),
            catalogue.get(ScanTasks.SPOTBUGS_IMAGE));
    assertThat(images(ScanTasks.SBOM)).contains(catalogue.get(ScanTasks.SYFT_IMAGE));
    assertThat(images(ScanTasks.SCAN)).containsExactly(catalogue.get(ScanTasks.GRYPE_IMAGE));
    assertThat(images(ScanTasks.GATE))
        .containsExactly(catalogue.get(PipelineTasks.BULWARK_CLI_IMAGE));
  }

  @Test
  void grypeScansWithTheReadOnlyMirroredDatabaseAndNeverUpdatesIt() {
    Map<String, Object> task = spec(object(STATE, "Task", ScanTasks.SCAN));
    Map<String, Object> step = list(task.get("steps")).get(0);
    assertThat(list(step.get("env")))
        .contains(
            Map.of("name", "GRYPE_DB_AUTO_UPDATE", "value", "false"),
            Map.of("name", "GRYPE_DB_CACHE_DIR", "value", "/db"));
    assertThat(list(step.get("volumeMounts")))
        .contains(Map.of("name", "db", "mountPath", "/db", "readOnly", true));
    assertThat(list(task.get("volumes")))
        .contains(
            Map.of(
                "name",
                "db",
                "persistentVolumeClaim",
                Map.of("claimName", ScanTasks.DATABASE, "readOnly", true)));
    assertThat(object(STATE, "PersistentVolumeClaim", ScanTasks.DATABASE, CI_NS))
        .isInstanceOf(PersistentVolumeClaim.class);
  }

  @Test
  void semgrepRunsOnlyThePlatformRuleSetFromItsConfigMap() {
    Map<String, Object> task = spec(object(STATE, "Task", ScanTasks.SAST));
    Map<String, Object> semgrep = list(task.get("steps")).get(0);
    assertThat((String) semgrep.get("script"))
        .contains("--config \"$RULES_DIR\"", "--metrics=off")
        .doesNotContain("--config auto", "p/");
    assertThat(list(semgrep.get("env"))).contains(Map.of("name", "RULES_DIR", "value", "/rules"));
    ConfigMap rules = (ConfigMap) object(STATE, "ConfigMap", ScanTasks.RULES, CI_NS);
    assertThat(rules.getData().get("bulwark.yaml")).isEqualTo(ScanTasks.RULE_SET);
    assertThat(ScanTasks.RULE_SET).contains("rules:", "security-severity");
  }

  @Test
  void theGateReadsExactlyTheReportsTheScannersWrite() {
    String written =
        Stream.of(ScanTasks.SAST, ScanTasks.SBOM, ScanTasks.SCAN)
            .map(t -> PipelineUnitTest.spec(object(STATE, "Task", t)).get("steps").toString())
            .reduce("", String::concat);
    Map<String, Object> gate =
        list(spec(object(STATE, "Task", ScanTasks.GATE)).get("steps")).get(0);
    @SuppressWarnings("unchecked")
    List<String> args = (List<String>) gate.get("args");
    List<String> reports =
        args.stream().filter(a -> a.startsWith("$(workspaces.reports.path)/")).toList();
    assertThat(reports).hasSize(7);
    for (String report : reports.subList(0, 5)) {
      assertThat(written).as("a scanner writes %s", report).contains(report);
    }
    assertThat(args)
        .startsWith("gate", "--spec", "/spec", "--app", "$(params.application)")
        .contains("--image-digest", "$(params.digest)", "--policy-report")
        .containsSubsequence(
            "--format", "json", "--out", "$(workspaces.reports.path)/" + ScanTasks.GATE_DECISION);
    // the sign stage attests the decision the gate wrote, from the same workspace (ADR 0040)
    String sign = PipelineUnitTest.spec(object(STATE, "Task", PipelineTasks.SIGN)).toString();
    assertThat(sign).contains("REPORTS_DIR", "$(workspaces.reports.path)");
  }

  @Test
  void theGateSpecLoadsAsASpecWithWhatTheGateReadsOfTheApplicationItsTenantAndThePlatform()
      throws Exception {
    BulwarkSpec full = full();
    ConfigMap config = (ConfigMap) object(render(full), "ConfigMap", "storefront-gate-spec", CI_NS);
    LoadResult loaded = SpecLoader.loadStrings(new LinkedHashMap<>(config.getData()));

    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    assertThat(loaded.spec().applications())
        .extracting(a -> a.getMetadata().getName())
        .containsExactly("storefront");
    assertThat(loaded.spec().tenants())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("shop");
    Application original =
        full.applications().stream()
            .filter(a -> a.getMetadata().getName().equals("storefront"))
            .findFirst()
            .orElseThrow();
    Application copied = loaded.spec().applications().get(0);
    assertThat(copied.getSpec().getSecurity())
        .usingRecursiveComparison()
        .isEqualTo(original.getSpec().getSecurity());
    assertThat(copied.getSpec().getEnvironments())
        .extracting(e -> e.getName())
        .isEqualTo(original.getSpec().getEnvironments().stream().map(e -> e.getName()).toList());
    // Only what the gate reads: a change elsewhere in the application leaves the ConfigMap alone.
    List<String> keys = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(config.getData().get("application.yaml"))
        .path("spec")
        .fieldNames()
        .forEachRemaining(keys::add);
    assertThat(keys)
        .contains("tenant", "environments")
        .isSubsetOf(
            "tenant", "environments", "security", "image", "build", "source", "hosts", "ports");
    assertThat(copied.getSpec().getHosts())
        .as("a DAST requirement's URL is checked where the gate loads the spec (ADR 0050)")
        .extracting(h -> h.getHost())
        .contains("shop-dev.full.example.com");
  }

  private static List<Object> images(String task) {
    return list(spec(object(STATE, "Task", task)).get("steps")).stream()
        .map(s -> s.get("image"))
        .toList();
  }
}
