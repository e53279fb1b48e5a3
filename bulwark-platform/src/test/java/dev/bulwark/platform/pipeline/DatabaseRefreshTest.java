package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.platform.charts.ChartPodSecurityTest;
import dev.bulwark.platform.stack.MirrorException;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.policy.audit.Manifest;
import dev.bulwark.spec.SpecCheck;
import dev.bulwark.yaml.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CronJob that writes Grype's vulnerability database into a CI namespace's claim (ADR 0039):
 * from Grype's listing when connected, from the mirror's file store when mirrored, in the
 * catalogue's Grype image, at restricted Pod Security.
 */
class DatabaseRefreshTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CI_NS = TenantCi.namespace("shop");

  private static JsonNode cronJob(BulwarkSpec spec) {
    return JSON.valueToTree(
        PipelineUnitTest.object(
            PipelineUnitTest.render(spec), "CronJob", DatabaseRefresh.NAME, CI_NS));
  }

  private static JsonNode container(JsonNode cronJob) {
    return cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
  }

  private static List<String> args(JsonNode container) {
    return JSON.convertValue(
        container.path("args"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static BulwarkSpec mirrored(String charts) {
    BulwarkSpec spec = PipelineUnitTest.full();
    MirrorSpec mirror = new MirrorSpec();
    mirror.setRegistry("registry.corp.example:5000/mirror");
    mirror.setCharts(charts);
    spec.platform().getSpec().setMirror(mirror);
    return spec;
  }

  @Test
  void connectedItUpdatesFromGrypesListingIntoTheScanStagesClaim() {
    JsonNode job = cronJob(PipelineUnitTest.full());
    assertThat(job.at("/spec/schedule").asText()).isEqualTo(DatabaseRefresh.DEFAULT_SCHEDULE);
    assertThat(job.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
    JsonNode container = container(job);
    assertThat(args(container)).containsExactly("db", "update");
    assertThat(container.path("image").asText())
        .startsWith("docker.io/anchore/grype:")
        .as("the image the scan stage runs, from the catalogue")
        .isEqualTo(
            JSON.valueToTree(
                    PipelineUnitTest.object(
                        PipelineUnitTest.render(PipelineUnitTest.full()),
                        "Task",
                        ScanTasks.SCAN,
                        CI_NS))
                .at("/spec/steps/0/image")
                .asText());
    assertThat(container.path("env").toString())
        .contains("{\"name\":\"GRYPE_DB_CACHE_DIR\",\"value\":\"/db\"}");
    JsonNode pod = job.at("/spec/jobTemplate/spec/template/spec");
    assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText())
        .isEqualTo(ScanTasks.DATABASE);
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/db");
    assertThat(container.at("/volumeMounts/0/readOnly").asBoolean(false)).isFalse();
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("2Gi");
  }

  @Test
  void mirroredItImportsTheArchiveFromTheMirrorsFileStoreWithTheMirroredImage() {
    JsonNode container = container(cronJob(mirrored("https://files.corp.example/bulwark")));
    assertThat(args(container))
        .containsExactly(
            "db", "import", "https://files.corp.example/bulwark/grype/vulnerability-db.tar.zst");
    assertThat(container.path("image").asText())
        .startsWith("registry.corp.example:5000/mirror/anchore/grype:");
    assertThatThrownBy(
            () -> PipelineUnitTest.render(mirrored("oci://registry.corp.example/charts")))
        .isInstanceOf(MirrorException.class)
        .hasMessageContaining("spec.mirror.charts");
  }

  @Test
  void itRunsAtRestrictedPodSecurity() {
    ObjectNode namespace = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    namespace
        .putObject("metadata")
        .put("name", CI_NS)
        .putObject("labels")
        .put("pod-security.kubernetes.io/enforce", "restricted");
    ObjectNode job = (ObjectNode) cronJob(PipelineUnitTest.full());
    List<String> refused =
        ChartPodSecurityTest.refusals(
            List.of(
                new Manifest(new Location("ns", 0, 0), namespace),
                new Manifest(new Location("refresh", 0, 0), job)));
    assertThat(refused).isEmpty();
  }

  @Test
  void theScheduleComesFromTheCiComponentsSettingsAndABadOneIsRejectedAtLoad() {
    BulwarkSpec spec = PipelineUnitTest.full();
    Map<String, String> settings = new HashMap<>();
    settings.put(DatabaseRefresh.SCHEDULE_SETTING, "0 */6 * * *");
    if (spec.platform().getSpec().getComponents() == null) {
      spec.platform().getSpec().setComponents(new ComponentsSpec());
    }
    ComponentsSpec components = spec.platform().getSpec().getComponents();
    if (components.getCi() == null) {
      components.setCi(new ComponentSpec());
    }
    components.getCi().setSettings(settings);
    assertThat(cronJob(spec).at("/spec/schedule").asText()).isEqualTo("0 */6 * * *");
    assertThat(new PipelineSpecCheck().check(spec)).isEmpty();

    settings.put(DatabaseRefresh.SCHEDULE_SETTING, "every night");
    List<SpecCheck.Finding> findings = new PipelineSpecCheck().check(spec);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.fieldPath())
                  .isEqualTo("spec.components.ci.settings.vulnerabilityDbSchedule");
              assertThat(f.message()).contains("five fields", "every night");
            });
  }
}
