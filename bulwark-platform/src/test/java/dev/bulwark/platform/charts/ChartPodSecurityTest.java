package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.AuditRunner;
import dev.bulwark.policy.audit.Manifest;
import dev.bulwark.policy.audit.ObjectResult;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.yaml.Location;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Pod a component's workloads would create must be admitted at the Pod Security level Bulwark
 * labels its namespace with: otherwise the controller manager's Pod creation is refused (a
 * FailedCreate event) and the component never starts. Judged by Bulwark's own audit, with every
 * policy selected, as {@code bulwark audit} judges a cluster, over the chart's output and the
 * Namespace Bulwark renders for it.
 */
public class ChartPodSecurityTest {

  private static final Set<String> WORKLOADS =
      Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PolicyEngine ENGINE =
      PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());

  static Stream<Release> releases() {
    return PlatformReleases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void everyPodIsAdmittedAtItsNamespacesLevel(Release release) {
    Map<String, JsonNode> namespaces = PlatformReleases.namespaces(release.profile());
    List<Manifest> manifests = new ArrayList<>();
    namespaces
        .values()
        .forEach(ns -> manifests.add(new Manifest(new Location("bulwark", 0, 0), ns)));
    List<String> unlabelled = new ArrayList<>();
    for (JsonNode object : ChartOutput.objects(release)) {
      if (!WORKLOADS.contains(object.path("kind").asText()) || isHelmTest(object)) {
        continue;
      }
      ObjectNode placed = object.deepCopy();
      String namespace = object.at("/metadata/namespace").asText(release.namespace());
      placed.withObject("/metadata").put("namespace", namespace);
      if (!namespaces.containsKey(namespace)) {
        unlabelled.add(describe(placed));
      }
      manifests.add(new Manifest(new Location(release.chartDir().toString(), 0, 0), placed));
    }
    assertThat(unlabelled)
        .as("workloads of %s in a namespace Bulwark does not render (and label)", release)
        .isEmpty();
    assertThat(refusals(manifests))
        .as(
            "Pod Security refusals of %s's pods in %s (level %s)",
            release, release.namespace(), level(namespaces.get(release.namespace())))
        .isEmpty();
  }

  /**
   * Trivy's scan jobs are created at run time from the operator's ConfigMap, in the operator's
   * namespace: their pods, as the operator builds them, must be admitted there too.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("trivy")
  void trivysScanJobPodsAreAdmittedInItsNamespace(Release release) throws Exception {
    JsonNode config =
        ChartOutput.objects(release).stream()
            .filter(
                o ->
                    o.path("kind").asText().equals("ConfigMap")
                        && o.at("/data").has("scanJob.podTemplateContainerSecurityContext"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "trivy-operator renders no ConfigMap with the scan jobs' security context"))
            .path("data");
    ObjectNode job = JSON.createObjectNode().put("apiVersion", "batch/v1").put("kind", "Job");
    job.putObject("metadata")
        .put("name", "scan-vulnerabilityreport")
        .put("namespace", release.namespace());
    ObjectNode pod = job.putObject("spec").putObject("template").putObject("spec");
    pod.set(
        "securityContext",
        JSON.readTree(config.path("scanJob.podTemplatePodSecurityContext").asText("{}")));
    ObjectNode container =
        pod.putArray("containers").addObject().put("name", "trivy").put("image", "trivy");
    container.set(
        "securityContext",
        JSON.readTree(config.path("scanJob.podTemplateContainerSecurityContext").asText("{}")));
    List<Manifest> manifests = new ArrayList<>();
    PlatformReleases.namespaces(release.profile())
        .values()
        .forEach(ns -> manifests.add(new Manifest(new Location("bulwark", 0, 0), ns)));
    manifests.add(new Manifest(new Location("trivy-operator", 0, 0), job));
    assertThat(refusals(manifests))
        .as("Pod Security refusals of trivy's scan jobs in %s", release.namespace())
        .isEmpty();
  }

  static Stream<Release> trivy() {
    return releases().filter(r -> r.component().equals("trivy-operator"));
  }

  /** Every Pod Security finding Bulwark's audit reports for the manifests. */
  public static List<String> refusals(List<Manifest> manifests) {
    AuditReport report =
        new AuditRunner(
                ENGINE, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.now())
            .run(manifests, List.of());
    List<String> refused = new ArrayList<>();
    for (ObjectResult result : report.results()) {
      result.findings().stream()
          .filter(f -> f.policy().isPss() && f.counts())
          .forEach(f -> refused.add(result.describe() + ": " + f.policyId() + ": " + f.message()));
    }
    return refused;
  }

  /**
   * A helm test hook: Argo CD runs only the hooks it maps to its own phases, never a test, so such
   * a pod is never created.
   */
  static boolean isHelmTest(JsonNode object) {
    return object.at("/metadata/annotations/helm.sh~1hook").asText().startsWith("test");
  }

  private static String level(JsonNode namespace) {
    return namespace == null
        ? "none"
        : namespace.at("/metadata/labels").path(NamespaceBinding.PSA_ENFORCE).asText("none");
  }

  private static String describe(JsonNode object) {
    return object.path("kind").asText()
        + " "
        + object.at("/metadata/namespace").asText()
        + "/"
        + object.at("/metadata/name").asText();
  }
}
