package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.DastTask;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.DesiredState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Task the operator runs before a release that needs a DAST scan (ADR 0050), as the full
 * profile renders it: its storefront needs one before prod, of dev.
 */
class DastScanTaskTest {

  private static final String CI_NS = TenantCi.namespace("shop");

  @Test
  void theTaskTakesTheParametersTheOperatorGivesAndNoWorkspaces() {
    Map<String, Object> task = spec(object(render(full()), "Task", DastTask.NAME, CI_NS));
    assertThat(list(task.get("params")))
        .extracting(p -> p.get("name"))
        .containsExactly(
            DastTask.APPLICATION,
            DastTask.ENVIRONMENT,
            DastTask.IMAGE,
            DastTask.DIGEST,
            DastTask.TARGET);
    assertThat(task).doesNotContainKey("workspaces");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStepsScanTheDigestAfreshAndTheRunningEnvironmentThenTheGateDecides() {
    List<Map<String, Object>> steps = steps();
    assertThat(steps)
        .extracting(s -> s.get("name"))
        .containsExactly("registry-auth", "image", "grype", "zap", "gate");
    Map<String, String> catalogue = new java.util.HashMap<>();
    Catalogue.standard().components().stream()
        .flatMap(c -> c.images().stream())
        .forEach(i -> catalogue.put(i.name(), i.reference()));
    assertThat(steps.get(3).get("image")).isEqualTo(catalogue.get(DastScanTask.ZAP_IMAGE));
    assertThat(steps.get(4).get("image")).isEqualTo(catalogue.get(PipelineTasks.BULWARK_CLI_IMAGE));
    assertThat(list(steps.get(3).get("env")))
        .contains(Map.of("name", "TARGET", "value", "$(params.target)"));
    // ZAP writes into its working directory; that is the reports volume the gate reads
    assertThat(list(steps.get(3).get("volumeMounts")))
        .contains(Map.of("name", "reports", "mountPath", "/zap/wrk"));
    assertThat(steps.get(4).get("args"))
        .isEqualTo(
            DastScanTask.gateArgs(
                "$(params.application)", "$(params.environment)", "$(params.digest)", "/reports"));
    assertThat((List<Object>) steps.get(4).get("args"))
        .as("the gate needs ZAP's report and never reads the source's SARIF here")
        .contains("--dast", "/reports/" + DastScanTask.ZAP_REPORT)
        .doesNotContain("--sarif");
    assertThat(steps)
        .allSatisfy(
            s ->
                assertThat((Map<String, Object>) s.get("securityContext"))
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("allowPrivilegeEscalation", false));
  }

  @Test
  void theScanReadsTheMirroredDatabaseAndTheApplicationsGateSpec() {
    Map<String, Object> task = spec(object(render(full()), "Task", DastTask.NAME, CI_NS));
    assertThat(list(task.get("volumes")))
        .contains(
            ScanTasks.databaseVolume(),
            ScanTasks.gateSpecVolume(),
            Map.of("name", "reports", "emptyDir", Map.of()));
    assertThat(list(steps().get(2).get("env")))
        .contains(Map.of("name", "GRYPE_DB_AUTO_UPDATE", "value", "false"));
  }

  @Test
  void aTenantWhoseApplicationsNeedNoScanGetsNoTask() {
    BulwarkSpec spec = full();
    storefront(spec).getSpec().getSecurity().getEnvironments().get(0).setRequireDast(null);
    DesiredState state = render(spec);
    assertThatThrownBy(() -> object(state, "Task", DastTask.NAME, CI_NS))
        .hasMessageContaining("no Task bulwark-dast rendered");
    assertThat(object(state, "Task", ScanTasks.GATE, CI_NS)).isNotNull();
  }

  private static List<Map<String, Object>> steps() {
    return list(spec(object(render(full()), "Task", DastTask.NAME, CI_NS)).get("steps"));
  }

  static Application storefront(BulwarkSpec spec) {
    return spec.applications().stream()
        .filter(a -> a.getMetadata().getName().equals("storefront"))
        .findFirst()
        .orElseThrow();
  }
}
