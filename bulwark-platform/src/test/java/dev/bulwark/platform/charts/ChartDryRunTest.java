package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.testkit.Folders;
import dev.bulwark.testkit.Needed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real API server's verdict on every object every component puts on the cluster, per profile:
 * each chart templated with Bulwark's values (a release manifest built with Bulwark's
 * kustomization), the CRDs of the custom kinds those outputs use installed, the Namespaces created
 * with the labels Bulwark renders, then every object server-side applied with {@code dryRun=All}
 * and strict field validation, as Argo CD validates a sync. Every refusal fails the test (an
 * invalid value, a field the schema lacks, a kind nothing serves, a namespace nothing creates), and
 * so does every warning the API server sends with an acceptance: a workload whose pods Pod Security
 * would refuse at the namespace's enforced level, a deprecated API.
 *
 * <p>The class starts its own control plane: it installs components' CRDs and creates the
 * platform's namespaces, which other classes of the JVM must not see.
 */
class ChartDryRunTest {

  private static final Duration START = Duration.ofMinutes(3);
  private static final int PARALLEL = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> INSTALLED_CRDS = ConcurrentHashMap.newKeySet();
  private static final Set<String> JUDGED_CRDS = ConcurrentHashMap.newKeySet();
  private static ControlPlane plane;
  private static Path dir;
  private static DryRunApplier applier;
  private static ExecutorService pool;
  private static long started;

  @BeforeAll
  static void startControlPlane() throws IOException {
    started = System.nanoTime();
    UpstreamCharts.root();
    UpstreamCharts.helm();
    ControlPlane.Result<ControlPlane.Setup> setup = ControlPlane.locate(SharedData.repoDir());
    Needed.require(
        setup.value().isPresent(),
        "no real kube-apiserver, so the components' output was not dry-run: " + setup.reason());
    dir = Files.createTempDirectory("bulwark-chart-dry-run-");
    plane = ControlPlane.start(setup.value().get(), dir, START);
    applier = new DryRunApplier(Config.fromKubeconfig(plane.kubeconfigYaml()));
    pool = Executors.newFixedThreadPool(PARALLEL);
  }

  @AfterAll
  static void stopControlPlane() throws IOException {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (applier != null) {
      applier.close();
    }
    if (plane != null) {
      plane.close();
    }
    if (dir != null) {
      Folders.delete(dir);
    }
    // the whole suite has a time limit: the build log says what this tier costs
    System.err.printf(
        "[ChartDryRunTest] took %d s, control plane included%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  /**
   * The three profiles and the air-gapped one, whose alternatives (ingress-nginx, Loki, Kyverno) no
   * other profile installs.
   */
  static List<String> profiles() {
    return PlatformReleases.PROFILES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void theApiServerAcceptsEveryObjectOfEveryComponentWithoutWarnings(String profile) {
    long start = System.nanoTime();
    Map<Release, List<JsonNode>> outputs = outputs(profile);
    long templated = System.nanoTime();
    List<String> problems = new ArrayList<>(installCrds(outputs));
    applier.rediscover();
    createNamespaces(profile);
    long installed = System.nanoTime();
    problems.addAll(dryRun(outputs));
    System.err.printf(
        "[ChartDryRunTest] %s: %d objects of %d components; templating %d ms, CRDs in use and"
            + " namespaces %d ms, dry-run %d ms%n",
        profile,
        outputs.values().stream().mapToInt(List::size).sum(),
        outputs.size(),
        (templated - start) / 1_000_000,
        (installed - templated) / 1_000_000,
        (System.nanoTime() - installed) / 1_000_000);
    assertThat(problems)
        .as("the API server's refusals and warnings for the components of %s", profile)
        .isEmpty();
  }

  /**
   * The tier can fail: a workload whose pods a restricted namespace would refuse is accepted with
   * Pod Security's warning, while a field the schema lacks and an invalid value are refused, each
   * reported for that object.
   */
  @Test
  void refusalsAndWarningsReachTheVerdict() throws Exception {
    KubernetesClient client = applier.client();
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("dry-run-probe")
                .addToLabels(NamespaceBinding.PSA_ENFORCE, "restricted")
                .endMetadata()
                .build())
        .fieldManager("bulwark")
        .serverSideApply();
    ObjectNode deployment = (ObjectNode) JSON.readTree(PRIVILEGED);
    DryRunApplier.Verdict privileged = applier.apply(deployment, "dry-run-probe");
    assertThat(privileged.refusal()).isNull();
    assertThat(privileged.warnings())
        .anySatisfy(w -> assertThat(w).contains("would violate PodSecurity \"restricted"));

    deployment.withObject("/spec/template/spec").put("hostNetwrk", true);
    assertThat(applier.apply(deployment, "dry-run-probe").refusal())
        .contains(".spec.template.spec.hostNetwrk: field not declared in schema");

    deployment.withObject("/spec/template/spec").remove("hostNetwrk");
    deployment.withObject("/spec").put("replicas", -1);
    DryRunApplier.Verdict invalid = applier.apply(deployment, "dry-run-probe");
    assertThat(invalid.refusal()).contains("spec.replicas");
    assertThat(client.apps().deployments().inNamespace("dry-run-probe").list().getItems())
        .as("a dry-run stores nothing")
        .isEmpty();
  }

  private static final String PRIVILEGED =
      """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "probe"},
       "spec": {"selector": {"matchLabels": {"app": "probe"}},
        "template": {"metadata": {"labels": {"app": "probe"}},
         "spec": {"containers": [{"name": "probe", "image": "probe:1",
          "securityContext": {"privileged": true}}]}}}}
      """;

  /** Every component's output, templated in parallel (helm dominates). */
  private static Map<Release, List<JsonNode>> outputs(String profile) {
    List<Release> releases = PlatformReleases.releases(profile);
    assertThat(releases).as("components of %s", profile).isNotEmpty();
    Map<Release, CompletableFuture<List<JsonNode>>> pending = new LinkedHashMap<>();
    releases.forEach(
        r -> pending.put(r, CompletableFuture.supplyAsync(() -> ChartOutput.objects(r), pool)));
    Map<Release, List<JsonNode>> outputs = new LinkedHashMap<>();
    pending.forEach((release, output) -> outputs.put(release, output.join()));
    return outputs;
  }

  /**
   * Installs the CRDs of the custom kinds the components' outputs use, as Argo CD would before
   * their custom resources: all applied, then awaited, since establishing one takes the API server
   * a moment. The other CRDs are only dry-run with the rest: each CRD installed costs the API
   * server a rebuild of its OpenAPI document, most of this class's time. A CRD the API server
   * refuses is a problem of its component.
   */
  private static List<String> installCrds(Map<Release, List<JsonNode>> outputs) {
    KubernetesClient client = applier.client();
    Set<String> used = new HashSet<>();
    outputs.values().stream()
        .flatMap(List::stream)
        .forEach(
            o ->
                used.add(
                    o.path("apiVersion").asText().split("/")[0] + " " + o.path("kind").asText()));
    Map<String, CompletableFuture<String>> installs = new LinkedHashMap<>();
    outputs.forEach(
        (release, objects) ->
            objects.stream()
                .filter(ChartDryRunTest::isCrd)
                .filter(
                    o ->
                        used.contains(
                            o.at("/spec/group").asText() + " " + o.at("/spec/names/kind").asText()))
                .filter(o -> INSTALLED_CRDS.add(o.at("/metadata/name").asText()))
                .forEach(
                    crd ->
                        installs.put(
                            crd.at("/metadata/name").asText(),
                            CompletableFuture.supplyAsync(
                                () -> install(client, release, crd), pool))));
    List<String> refused = new ArrayList<>();
    installs.forEach(
        (name, install) -> {
          String refusal = install.join();
          if (refusal != null) {
            refused.add(refusal);
          } else {
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(name)
                .waitUntilCondition(ChartDryRunTest::established, 60, TimeUnit.SECONDS);
          }
        });
    return refused;
  }

  private static String install(KubernetesClient client, Release release, JsonNode crd) {
    try {
      client
          .resource(
              client.getKubernetesSerialization().convertValue(crd, CustomResourceDefinition.class))
          .fieldManager("bulwark")
          .forceConflicts()
          .serverSideApply();
      return null;
    } catch (KubernetesClientException e) {
      return release.component()
          + ": CustomResourceDefinition "
          + crd.at("/metadata/name").asText()
          + " refused: "
          + e.getMessage();
    }
  }

  /**
   * Whether a CRD is neither installed nor dry-run yet: the profiles share most charts, and each
   * CRD judged costs the API server its schema's compilation.
   */
  private static boolean firstJudgement(JsonNode crd) {
    return !INSTALLED_CRDS.contains(crd.at("/metadata/name").asText())
        && JUDGED_CRDS.add(crd.at("/metadata/name").asText() + " " + crd.toString().hashCode());
  }

  private static boolean isCrd(JsonNode object) {
    return object.path("kind").asText().equals("CustomResourceDefinition");
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  /** The profile's Namespaces, created (for real) with the labels Bulwark renders. */
  private static void createNamespaces(String profile) {
    KubernetesClient client = applier.client();
    for (JsonNode namespace : PlatformReleases.namespaces(profile).values()) {
      client
          .resource(
              client
                  .getKubernetesSerialization()
                  .convertValue(namespace, GenericKubernetesResource.class))
          .fieldManager("bulwark")
          .forceConflicts()
          .serverSideApply();
    }
  }

  /**
   * Every object but the CRDs installed and helm tests, dry-run in parallel: what the API server
   * objected to.
   */
  private static List<String> dryRun(Map<Release, List<JsonNode>> outputs) {
    List<CompletableFuture<List<String>>> verdicts = new ArrayList<>();
    outputs.forEach(
        (release, objects) ->
            objects.stream()
                .filter(o -> !isCrd(o) || firstJudgement(o))
                .filter(o -> !ChartPodSecurityTest.isHelmTest(o))
                .forEach(
                    object ->
                        verdicts.add(
                            CompletableFuture.supplyAsync(() -> problems(release, object), pool))));
    return verdicts.stream().map(CompletableFuture::join).flatMap(List::stream).sorted().toList();
  }

  private static List<String> problems(Release release, JsonNode object) {
    DryRunApplier.Verdict verdict = applier.apply(object, release.namespace());
    String what =
        release.component()
            + ": "
            + object.path("kind").asText()
            + " "
            + object.at("/metadata/namespace").asText(release.namespace())
            + "/"
            + object.at("/metadata/name").asText(object.at("/metadata/generateName").asText());
    if (verdict.refusal() != null) {
      return List.of(what + " refused: " + verdict.refusal());
    }
    return verdict.warnings().stream().map(w -> what + " warned: " + w).toList();
  }
}
