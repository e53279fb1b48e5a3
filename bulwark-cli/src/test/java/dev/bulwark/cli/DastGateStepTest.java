package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.DastTask;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAST Task's gate step as the example renders it (ADR 0050): its command line, run through the
 * real {@code bulwark gate} on the application's rendered gate spec, with the reports its earlier
 * steps write and ZAP's traditional JSON report of the scanned environment. The checkout
 * application of the example waits for a scan of dev before stage.
 */
class DastGateStepTest {

  private static final String DIGEST = "sha256:" + "5e".repeat(32);

  @TempDir Path dir;
  private List<String> args;
  private Path reports;

  @BeforeEach
  void renderTheStep() throws IOException {
    LoadResult loaded = SpecLoader.load(List.of(PlanGoldenTest.EXAMPLE.toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    Path spec = Files.createDirectories(dir.resolve("spec"));
    ConfigMap gateSpec = (ConfigMap) find(state, "ConfigMap", "checkout-gate-spec");
    for (Map.Entry<String, String> file : gateSpec.getData().entrySet()) {
      Files.writeString(spec.resolve(file.getKey()), file.getValue());
    }
    reports = Files.createDirectories(dir.resolve("reports"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>)
            ((Map<String, Object>)
                    ((GenericKubernetesResource) find(state, "Task", DastTask.NAME))
                        .getAdditionalProperties()
                        .get("spec"))
                .get("steps");
    @SuppressWarnings("unchecked")
    List<String> rendered = (List<String>) steps.getLast().get("args");
    args =
        rendered.stream()
            .map(a -> a.equals("/spec") ? spec.toString() : a)
            .map(a -> a.startsWith("/reports/") ? reports.resolve(a.substring(9)).toString() : a)
            .map(a -> a.replace("$(params.application)", "checkout"))
            .map(a -> a.replace("$(params.environment)", "stage"))
            .map(a -> a.replace("$(params.digest)", DIGEST))
            .toList();
    // what the sbom and grype steps write for the digest: a clean image
    Files.writeString(
        reports.resolve("image.cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "metadata": {"component": {"type": "container", "name": "checkout", "version": "%s"}},
         "components": [{"type": "library", "name": "yaml", "version": "1.0",
           "purl": "pkg:npm/yaml@1.0", "licenses": [{"license": {"id": "MIT"}}]}]}
        """
            .formatted(DIGEST));
    Files.writeString(
        reports.resolve("vulnerabilities.json"),
        """
        {"matches": [], "source": {"type": "image", "target": {"manifestDigest": "%s"}}}
        """
            .formatted(DIGEST));
  }

  @Test
  void aHighAlertOfTheRunningEnvironmentBlocksTheReleaseIntoTheNext() throws IOException {
    zap(alert("10062", "PII Disclosure", "3"), alert("10038", "CSP Header Not Set", "2"));
    Cli blocked = Cli.run(args.toArray(String[]::new));
    assertThat(blocked.exitCode()).as(blocked.out() + blocked.err()).isEqualTo(1);
    assertThat(blocked.out()).contains("10062", "PII Disclosure").contains("stage");
    assertThat(reports.resolve("policy-report.yaml")).exists();
  }

  @Test
  void alertsBelowTheEnvironmentsThresholdLetItThrough() throws IOException {
    zap(alert("10038", "CSP Header Not Set", "2"), alert("10021", "X-Content-Type-Options", "1"));
    Cli passed = Cli.run(args.toArray(String[]::new));
    assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
  }

  @Test
  void aScanThatWroteNoReportIsBadInputNeverAPass() {
    Cli missing = Cli.run(args.toArray(String[]::new));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err() + missing.out()).contains("zap.json");
  }

  /** ZAP's traditional JSON report of the scanned environment (as {@code -J} writes it). */
  private void zap(String... alerts) throws IOException {
    Files.writeString(
        reports.resolve("zap.json"),
        """
        {"@programName": "ZAP", "@version": "2.16.1", "@generated": "Fri, 4 Dec 2026 20:00:00",
         "site": [{"@name": "https://checkout.dev.acme.example.com", "@host":
           "checkout.dev.acme.example.com", "@port": "443", "@ssl": "true",
           "alerts": [%s]}]}
        """
            .formatted(String.join(",", alerts)));
  }

  private static String alert(String plugin, String name, String risk) {
    return """
        {"pluginid": "%s", "alertRef": "%s", "alert": "%s", "name": "%s", "riskcode": "%s",
         "confidence": "2", "riskdesc": "", "desc": "", "count": "1", "solution": "",
         "reference": "", "cweid": "200", "wascid": "13", "sourceid": "1",
         "instances": [{"uri": "https://checkout.dev.acme.example.com/", "method": "GET",
           "param": "", "attack": "", "evidence": ""}]}
        """
        .formatted(plugin, plugin, name, name, risk);
  }

  private static HasMetadata find(DesiredState state, String kind, String name) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .filter(o -> "payments-ci".equals(o.getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in payments-ci"));
  }
}
