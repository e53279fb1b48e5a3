package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.Node;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Severity;
import dev.bulwark.gate.read.SarifReader;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.RealNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image that {@code tools/images/spotbugs-image.sh} builds runs the SAST stage's SpotBugs step
 * on a real node: a Pod made of the rendered {@code bulwark-sast} Task's {@code spotbugs} step (its
 * image by the catalogue's name, script, environment, home volume and security context, with the
 * workspaces where Tekton puts them) analyses {@code examples/scanned-jvm-app} compiled into a
 * checkout on the host, which the Pod mounts as its source workspace; the report workspace is a
 * host folder too, since the node cannot serve {@code kubectl logs}. The vulnerable variant's
 * report names FindSecBugs' {@code PREDICTABLE_RANDOM} at high; the fixed variant's is a real,
 * clean run; both come from the SpotBugs version the catalogue's tag names.
 */
@RealNode
class SpotBugsImageOnNodeTest {

  private static final String NS = "spotbugs-image";
  private static final String SOURCE = "/workspace/source";
  private static final String REPORTS = "/workspace/reports";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static Map<String, Object> step;
  private static List<Map<String, Object>> taskVolumes;

  @BeforeAll
  static void renderTheStep(KubernetesClient admin, Node node) throws Exception {
    Needed.require(
        node.hasImage("SPOTBUGS"),
        "the spotbugs image (tools/images/spotbugs-image.sh): apt-get install busybox-static"
            + " (.ci/prepare.d/39-busybox.sh), then tools/build-images.sh");
    Map<String, Object> task = spec(object(render(full()), "Task", ScanTasks.SAST));
    step = SpotBugsStageTest.spotbugsStep(task);
    taskVolumes = list(task.get("volumes"));
    // the pod's user (65532) reads the checkouts and writes the reports through host folders
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void removeNamespace(KubernetesClient admin) {
    admin.namespaces().withName(NS).delete();
  }

  @Test
  void theCatalogueNamesTheBuiltImage(Node node) {
    assertThat(node.image("SPOTBUGS")).startsWith(step.get("image") + "@sha256:");
  }

  @Test
  void thePredictableTokenIsFoundInThePodAndTheSecureOneIsNot(KubernetesClient admin)
      throws Exception {
    Path vulnerable = SpotBugsStageTest.checkout(dir, "vulnerable", "target/classes");
    Path fixed = SpotBugsStageTest.checkout(dir, "fixed", "target/classes");
    Path vulnerableReports = reportsFolder("vulnerable");
    Path fixedReports = reportsFolder("fixed");
    // both at once: each pod starts a JVM, and the node is shared with other work
    create(admin, pod(admin, "vulnerable", vulnerable, vulnerableReports));
    create(admin, pod(admin, "fixed", fixed, fixedReports));
    assertSucceeded(admin, "vulnerable");
    assertSucceeded(admin, "fixed");

    Path report = vulnerableReports.resolve(ScanTasks.SPOTBUGS_SARIF);
    List<Finding> findings = SarifReader.read(report);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("PREDICTABLE_RANDOM");
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.location()).startsWith("example/tokens/SessionTokens.java:");
            });
    assertThat(JSON.readTree(report.toFile()).at("/runs/0/tool/driver/version").asText())
        .isEqualTo(spotbugsVersion());

    // a real analysis that found nothing, not the step's run for a checkout without classes
    Path clean = fixedReports.resolve(ScanTasks.SPOTBUGS_SARIF);
    assertThat(SarifReader.read(clean)).isEmpty();
    var run = JSON.readTree(clean.toFile()).at("/runs/0");
    assertThat(run.at("/tool/driver/version").asText()).isEqualTo(spotbugsVersion());
    assertThat(run.at("/tool/extensions").toString()).contains("com.h3xstream.findsecbugs");
    assertThat(run.at("/properties").toString()).doesNotContain("no compiled JVM classes");
  }

  /** The version the catalogue's tag names ({@code <spotbugs>-findsecbugs-<plugin>}). */
  private static String spotbugsVersion() {
    String image = (String) step.get("image");
    return image.substring(image.lastIndexOf(':') + 1, image.indexOf("-findsecbugs-"));
  }

  /**
   * The rendered step as a container: Tekton runs a script without a shebang with {@code /bin/sh},
   * and substitutes the workspaces' paths ({@code /workspace/<name>} by default) in the env.
   */
  private static Pod pod(KubernetesClient admin, String name, Path source, Path reports) {
    Map<String, Object> fields = new HashMap<>(step);
    String script = (String) fields.remove("script");
    Container container = admin.getKubernetesSerialization().convertValue(fields, Container.class);
    container.setCommand(List.of("/bin/sh", "-c", script));
    container.setImagePullPolicy("IfNotPresent");
    // the node cannot serve logs: a failed step's last lines come back in its termination message
    container.setTerminationMessagePolicy("FallbackToLogsOnError");
    for (EnvVar env : container.getEnv()) {
      env.setValue(
          env.getValue()
              .replace("$(workspaces.source.path)", SOURCE)
              .replace("$(workspaces.reports.path)", REPORTS));
    }
    container
        .getVolumeMounts()
        .add(
            new VolumeMountBuilder()
                .withName("source")
                .withMountPath(SOURCE)
                .withReadOnly(true)
                .build());
    container
        .getVolumeMounts()
        .add(new VolumeMountBuilder().withName("reports").withMountPath(REPORTS).build());
    List<Volume> volumes = new ArrayList<>(stepVolumes(admin, container));
    volumes.add(hostPath("source", source));
    volumes.add(hostPath("reports", reports));
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(1L)
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .build();
  }

  /** The Task's volumes that the step mounts (its writable home). */
  private static List<Volume> stepVolumes(KubernetesClient admin, Container container) {
    Set<String> mounted =
        container.getVolumeMounts().stream().map(VolumeMount::getName).collect(Collectors.toSet());
    return taskVolumes.stream()
        .filter(v -> mounted.contains((String) v.get("name")))
        .map(v -> admin.getKubernetesSerialization().convertValue(v, Volume.class))
        .toList();
  }

  private static Volume hostPath(String name, Path path) {
    return new VolumeBuilder()
        .withName(name)
        .withNewHostPath()
        .withPath(path.toAbsolutePath().toString())
        .withType("Directory")
        .endHostPath()
        .build();
  }

  private static Path reportsFolder(String name) throws Exception {
    Path reports = Files.createDirectories(dir.resolve("reports-" + name));
    Files.setPosixFilePermissions(reports, PosixFilePermissions.fromString("rwxrwxrwx"));
    return reports;
  }

  private static void create(KubernetesClient admin, Pod pod) {
    admin.pods().inNamespace(NS).resource(pod).create();
  }

  private static void assertSucceeded(KubernetesClient admin, String name) {
    Pod done =
        admin
            .pods()
            .inNamespace(NS)
            .withName(name)
            .waitUntilCondition(
                p -> p != null && Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()),
                4,
                TimeUnit.MINUTES);
    ContainerStateTerminated end =
        done.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    assertThat(done.getStatus().getPhase())
        .as(
            "the %s step's pod (exit %s): %s",
            name, end == null ? "?" : end.getExitCode(), end == null ? "" : end.getMessage())
        .isEqualTo("Succeeded");
  }
}
