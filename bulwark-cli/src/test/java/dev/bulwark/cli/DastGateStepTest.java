package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.DastTask;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DAST Task's gate step as the example renders it (ADR 0050): its command line, run through the
 * real {@code bulwark gate} on the application's rendered gate spec, with the reports its earlier
 * steps write and ZAP's traditional JSON report of the scanned environment, keeping its decision in
 * a real API server as the pipeline's account: the PolicyReport kinds are those Bulwark installs
 * with its own CRDs, the account's rights the rendered ones. The example's checkout waits for a
 * scan of dev before stage.
 */
@RealApiServer
class DastGateStepTest {

  private static final String DIGEST = "sha256:" + "5e".repeat(32);
  private static final String REPORT = "gate-checkout-stage-" + "5e".repeat(6);
  private static final String PIPELINE = "system:serviceaccount:payments-ci:bulwark-pipeline";

  @TempDir Path dir;
  private List<String> args;
  private Path reports;

  @BeforeEach
  void renderTheStepAndItsRights(ControlPlane plane, KubernetesClient admin) throws IOException {
    LoadResult loaded = SpecLoader.load(List.of(PlanGoldenTest.EXAMPLE.toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    DesiredState state = Renderer.standard().render(loaded.spec());
    // the report kinds as Bulwark installs them with its own CRDs
    new CrdInstaller(admin).installEvidenceCrds();
    for (DesiredObject desired : state.objects()) {
      HasMetadata object = desired.object();
      if (object.getMetadata().getName().equals("bulwark-gate-evidence")) {
        namespace(admin, object.getMetadata().getNamespace());
        admin.resource(object).serverSideApply();
      }
    }
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
    assertThat(rendered).contains("--keep");
    args =
        new ArrayList<>(
            rendered.stream()
                .map(a -> a.equals("/spec") ? spec.toString() : a)
                .map(
                    a -> a.startsWith("/reports/") ? reports.resolve(a.substring(9)).toString() : a)
                .map(a -> a.replace("$(params.application)", "checkout"))
                .map(a -> a.replace("$(params.environment)", "stage"))
                .map(a -> a.replace("$(params.digest)", DIGEST))
                .toList());
    // in the pod the client reads the projected token; here the kubeconfig, acting as that account
    args.addAll(List.of("--kubeconfig", plane.kubeconfig().toString(), "--as", PIPELINE));
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
  void aHighAlertOfTheRunningEnvironmentBlocksTheReleaseAndTheDecisionIsKept(KubernetesClient admin)
      throws IOException {
    zap(alert("10062", "PII Disclosure", "3"), alert("10038", "CSP Header Not Set", "2"));
    Cli blocked = Cli.run(args.toArray(String[]::new));
    assertThat(blocked.exitCode()).as(blocked.out() + blocked.err()).isEqualTo(1);
    assertThat(blocked.out()).contains("10062", "PII Disclosure").contains("stage");
    assertThat(reports.resolve("policy-report.yaml")).exists();

    GenericKubernetesResource kept = report(admin);
    assertThat(kept).as("the decision, in stage's namespace").isNotNull();
    assertThat(kept.getMetadata().getLabels())
        .containsEntry("bulwark.dev/application", "checkout")
        .containsEntry("bulwark.dev/environment", "stage");
    assertThat(kept.getAdditionalProperties().get("results").toString())
        .contains("PII Disclosure", "result=fail");
  }

  @Test
  void alertsBelowTheEnvironmentsThresholdLetItThroughAndThePassIsKeptToo(KubernetesClient admin)
      throws IOException {
    zap(alert("10038", "CSP Header Not Set", "2"), alert("10021", "X-Content-Type-Options", "1"));
    Cli passed = Cli.run(args.toArray(String[]::new));
    assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) report(admin).get("summary");
    assertThat(summary).containsEntry("fail", 0);
  }

  @Test
  void anotherTenantsPipelineCannotKeepADecisionHereAndSoItBlocks() throws IOException {
    zap(alert("10021", "X-Content-Type-Options", "1"));
    List<String> asWeb = new ArrayList<>(args.subList(0, args.size() - 1));
    asWeb.add("system:serviceaccount:web-ci:bulwark-pipeline");
    Cli refused = Cli.run(asWeb.toArray(String[]::new));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains("cannot keep the decision as PolicyReport payments-stage/" + REPORT)
        .contains("not allowed")
        .contains("gate BLOCKED: the decision could not be kept in the cluster");
  }

  @Test
  void aScanThatWroteNoReportIsBadInputNeverAPass() {
    Cli missing = Cli.run(args.toArray(String[]::new));
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err() + missing.out()).contains("zap.json");
  }

  /** Leaves no decision behind for the other tests of the shared API server (the scorecard's). */
  @AfterEach
  void forgetTheDecision(KubernetesClient admin) {
    admin
        .genericKubernetesResources("wgpolicyk8s.io/v1alpha2", "PolicyReport")
        .inNamespace("payments-stage")
        .withName(REPORT)
        .delete();
  }

  private static void namespace(KubernetesClient admin, String name) {
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  private static GenericKubernetesResource report(KubernetesClient admin) {
    return admin
        .genericKubernetesResources("wgpolicyk8s.io/v1alpha2", "PolicyReport")
        .inNamespace("payments-stage")
        .withName(REPORT)
        .get();
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
