package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.reconcile.PlatformReconciler;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's upgrade run on a real API server (ADR 0042, issue 14 item 3): a Platform at the
 * catalogue's first release is asked for a later one on the fast channel, with an approval and a
 * maintenance window. The operator renders with every render unit, as it runs in the CLI's
 * distribution (hence a test of this module); the platform adopts an existing Argo CD (ADR 0034),
 * which does not run: the test reports each component Application's status as Argo CD would. The
 * operator's clock is the test's, so the window opens without waiting for it.
 */
@RealApiServer
class UpgradeRunLiveTest {

  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String TARGET = "2027.01";
  private static final CatalogueHistory HISTORY = CatalogueHistory.standard();
  private static final CatalogueRelease FIRST = HISTORY.releases().get(0);
  private static final CatalogueRelease NEXT =
      HISTORY.releases().stream().filter(r -> r.release().equals(TARGET)).findFirst().orElseThrow();

  /** Monday 00:00 UTC; the window opens daily at 02:00 for an hour. */
  private static final Instant CLOSED = Instant.parse("2026-12-07T00:00:00Z");

  private static final Instant OPEN = Instant.parse("2026-12-07T02:00:30Z");

  private static final String NAME = "acme";
  private static final String ARGO_CD = "argo-upgrade";

  /** A platform of the two components the target release moves, on an adopted Argo CD. */
  private static final String PLATFORM =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Platform
      metadata: {name: acme}
      spec:
        domain: acme.example.com
        profile: minimal
        backup:
          objectStore: {bucket: backups, region: eu-west-1, credentialsSecret: backup-credentials}
        components:
          gitops:
            mode: existing
            namespace: argo-upgrade
            settings: {repoURL: "https://git.example.test/gitops.git"}
          backup: {enabled: true}
          identity: {enabled: true}
          gateway: {enabled: false}
          dns: {enabled: false}
          certificates: {enabled: false}
          secrets: {enabled: false}
          policy: {enabled: false}
          metrics: {enabled: false}
          logs: {enabled: false}
          registry: {enabled: false}
          ci: {enabled: false}
          database: {enabled: false}
          traces: {enabled: false}
          scanning: {enabled: false}
      """;

  private static final TestClock CLOCK = new TestClock(CLOSED);
  private static Operator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    CrdInstaller crds = new CrdInstaller(admin);
    crds.installBulwarkCrds();
    for (String file :
        List.of(
            "argo-cd/application-crd.yaml",
            "argo-cd/appproject-crd.yaml",
            "gateway-api/gateway.networking.k8s.io_httproutes.yaml",
            "velero/velero.io_backupstoragelocations.yaml",
            "velero/velero.io_schedules.yaml",
            "keycloak/keycloaks.k8s.keycloak.org-v1.yml",
            "keycloak/keycloakrealmimports.k8s.keycloak.org-v1.yml")) {
      Optional<Path> crd = SharedData.resolve("crds/" + file);
      Needed.require(crd.isPresent(), "../shared/crds/" + file + " (an upstream CRD)");
      crds.installFile(crd.get());
    }
    anArgoCdRunsIn(admin);
    // an earlier class's Platform of the same name would be this operator's to reconcile
    LeftBehind.remove(admin, Platform.class, NAME, CONVERGE);
    admin.resource(admin.getKubernetesSerialization().unmarshal(PLATFORM, Platform.class)).create();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Engine engine = Engine.create(client, new SimpleMeterRegistry(), CLOCK, "upgrade-test");
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(true)
                    .withStopOnInformerErrorDuringStartup(false));
    operator.register(new PlatformReconciler(engine));
    operator.start();
  }

  /**
   * The API server is shared by this JVM's live tests, which apply a Platform of their own: this
   * one goes, with what it applied, while its operator still runs to remove them.
   */
  @AfterAll
  static void stop(KubernetesClient admin) {
    try {
      admin.resources(Platform.class).withName(NAME).delete();
      await()
          .atMost(CONVERGE)
          .until(() -> admin.resources(Platform.class).withName(NAME).get() == null);
    } finally {
      if (operator != null) {
        operator.stop();
      }
      // no Argo CD runs to honour its resources finalizer: left on, the namespace never goes
      var applications =
          admin
              .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
              .inNamespace(ARGO_CD);
      for (var application : applications.list().getItems()) {
        applications
            .withName(application.getMetadata().getName())
            .edit(
                a -> {
                  a.getMetadata().setFinalizers(List.of());
                  return a;
                });
      }
      admin.namespaces().withName(ARGO_CD).delete();
      admin
          .resources(HorizontalPodAutoscaler.class)
          .inNamespace("default")
          .withName("legacy")
          .delete();
    }
  }

  /**
   * An autoscaler last applied by kubectl from a manifest at autoscaling/v2beta2 (removed in 1.26):
   * the API server serves it at v2 only, and the last-applied annotation is the trace of the old
   * manifest that the next apply would send again.
   */
  private static void legacyAutoscaler(KubernetesClient admin) {
    HorizontalPodAutoscaler hpa =
        new HorizontalPodAutoscalerBuilder()
            .withNewMetadata()
            .withName("legacy")
            .withNamespace("default")
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration",
                "{\"apiVersion\":\"autoscaling/v2beta2\",\"kind\":\"HorizontalPodAutoscaler\","
                    + "\"metadata\":{\"name\":\"legacy\",\"namespace\":\"default\"}}")
            .endMetadata()
            .withNewSpec()
            .withMaxReplicas(3)
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName("legacy")
            .endScaleTargetRef()
            .endSpec()
            .build();
    admin.resource(hpa).create();
  }

  /** An existing Argo CD's namespace and configuration, as the adopting Platform requires. */
  private static void anArgoCdRunsIn(KubernetesClient admin) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ARGO_CD).endMetadata().build())
        .serverSideApply();
    admin
        .configMaps()
        .inNamespace(ARGO_CD)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("argocd-cm")
                .endMetadata()
                .addToData("resource.customizations.health.argoproj.io_Application", "hs = {}")
                .addToData("url", "https://argocd.upgrade.example.test")
                .build())
        .serverSideApply();
  }

  @Test
  void upgradesOneComponentAtATimeStopsAtAFailureAndResumes(KubernetesClient admin) {
    List<String> moving = moving();
    assertThat(moving).as("components the target changes").hasSize(2);
    legacyAutoscaler(admin);
    mergePatch(
        admin,
        "{\"spec\": {\"upgrade\": {\"channel\": \"fast\", \"version\": \""
            + TARGET
            + "\", \"approval\": \"required\", \"window\": {\"days\":"
            + " [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"], \"start\":"
            + " \"02:00\", \"duration\": \"1h\"}}}}");

    // a live object some tool still writes at a removed version blocks the run, named
    Condition blocked = awaitUpgrade(admin, c -> "UpgradeBlocked".equals(c.getType()));
    assertThat(blocked.getMessage()).contains("legacy", "autoscaling/v2beta2");
    admin
        .resources(HorizontalPodAutoscaler.class)
        .inNamespace("default")
        .withName("legacy")
        .delete();
    CLOCK.set(CLOSED.plusSeconds(120)); // past the scan's freshness, still before the window
    nudge(admin, "rescan");

    // outside the window and without the approval: pending, every component at the first release
    Condition pending = awaitUpgrade(admin, c -> "UpgradePending".equals(c.getType()));
    assertThat(pending.getMessage())
        .contains("maintenance window is closed", UpgradeSpec.APPROVED_ANNOTATION + "=" + TARGET);
    moving.forEach(
        c ->
            assertThat(targetRevision(admin, c))
                .as("%s's Application; the Platform's status: %s", c, describe(admin))
                .isEqualTo(source(FIRST, c)));
    assertThat(installed(admin)).containsAllEntriesOf(versions(FIRST, moving));

    // the window opens (the operator's timer would fire now; an annotation stands in for it)
    CLOCK.set(OPEN);
    nudge(admin, "window");
    Condition approval =
        awaitUpgrade(
            admin, c -> "UpgradePending".equals(c.getType()) && !c.getMessage().contains("window"));
    assertThat(approval.getMessage()).contains(UpgradeSpec.APPROVED_ANNOTATION);
    moving.forEach(c -> assertThat(targetRevision(admin, c)).isEqualTo(source(FIRST, c)));

    // approved: step 1 is rendered at the target, nothing else moves
    mergePatch(
        admin,
        "{\"metadata\": {\"annotations\": {\""
            + UpgradeSpec.APPROVED_ANNOTATION
            + "\": \""
            + TARGET
            + "\"}}}");
    Condition step1 =
        awaitUpgrade(
            admin, c -> "Upgrading".equals(c.getType()) && "StepApplied".equals(c.getReason()));
    String first =
        moving.stream().filter(c -> step1.getMessage().contains(": " + c + " ")).findFirst().get();
    String second = moving.stream().filter(c -> !c.equals(first)).findFirst().get();
    assertThat(step1.getLastTransitionTime()).isEqualTo(OPEN.toString());
    awaitRevision(admin, first, source(NEXT, first));
    assertThat(targetRevision(admin, second)).isEqualTo(source(FIRST, second));
    assertThat(installed(admin)).containsEntry(first, version(FIRST, first));

    // Argo CD reports step 1 Synced and Healthy: it is recorded, and step 2 starts
    CLOCK.set(OPEN.plusSeconds(60));
    report(admin, first, "Synced", "Healthy");
    Condition step2 = awaitStep(admin, second, "StepApplied");
    assertThat(Instant.parse(step2.getLastTransitionTime()))
        .as("each step has its own transition time")
        .isEqualTo(OPEN.plusSeconds(60));
    awaitRevision(admin, second, source(NEXT, second));
    assertThat(installed(admin))
        .containsEntry(first, version(NEXT, first))
        .containsEntry(second, version(FIRST, second));

    // step 2 Degraded: the run stops there, naming it; step 1 stays, nothing past it moved
    CLOCK.set(OPEN.plusSeconds(120));
    report(admin, second, "Synced", "Degraded");
    Condition failed = awaitUpgrade(admin, c -> "UpgradeFailed".equals(c.getType()));
    assertThat(failed.getReason()).isEqualTo("Degraded");
    assertThat(failed.getMessage()).contains(second, "Degraded");
    Map<String, String> mix = installed(admin);
    assertThat(mix).containsEntry(first, version(NEXT, first));
    mix.entrySet().stream()
        .filter(e -> !e.getKey().equals(first))
        .forEach(
            e ->
                assertThat(e.getValue())
                    .as("%s has not moved", e.getKey())
                    .isEqualTo(version(FIRST, e.getKey())));
    assertThat(targetRevision(admin, second))
        .as("the failed step's Application is not rolled back")
        .isEqualTo(source(NEXT, second));

    // fixed: reported healthy, the run resumes and finishes
    report(admin, second, "Synced", "Healthy");
    Condition upToDate = awaitUpgrade(admin, c -> "UpgradeAvailable".equals(c.getType()));
    assertThat(upToDate.getStatus()).isEqualTo("False");
    assertThat(upToDate.getReason()).isEqualTo("UpToDate");
    assertThat(installed(admin)).containsAllEntriesOf(versions(NEXT, moving));
    moving.forEach(c -> assertThat(targetRevision(admin, c)).isEqualTo(source(NEXT, c)));
  }

  /** The components whose pin the target changes, in the order the operator moves them. */
  private static List<String> moving() {
    return List.of("velero", "keycloak").stream()
        .filter(c -> !FIRST.pin(c).equals(NEXT.pin(c)))
        .toList();
  }

  private static Map<String, String> versions(CatalogueRelease release, List<String> components) {
    Map<String, String> versions = new TreeMap<>();
    components.forEach(c -> versions.put(c, version(release, c)));
    return versions;
  }

  private static String version(CatalogueRelease release, String component) {
    return release.pin(component).appVersion().toString();
  }

  private static String source(CatalogueRelease release, String component) {
    return release.pin(component).sourceVersion();
  }

  private static Condition awaitStep(KubernetesClient admin, String component, String reason) {
    return awaitUpgrade(
        admin,
        c ->
            "Upgrading".equals(c.getType())
                && reason.equals(c.getReason())
                && c.getMessage().contains(": " + component + " "));
  }

  private static Condition awaitUpgrade(KubernetesClient admin, Predicate<Condition> wanted) {
    AtomicReference<Condition> seen = new AtomicReference<>();
    try {
      awaitUpgrade(admin, wanted, seen);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no upgrade condition as wanted; the Platform: " + describe(admin), e);
    }
    return seen.get();
  }

  private static void awaitUpgrade(
      KubernetesClient admin, Predicate<Condition> wanted, AtomicReference<Condition> seen) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ResourceStatus status = platform(admin).getStatus();
              if (status == null) {
                return false;
              }
              for (String type :
                  List.of(
                      "UpgradeAvailable",
                      "UpgradeBlocked",
                      "UpgradePending",
                      "Upgrading",
                      "UpgradeFailed")) {
                var c = StatusAggregator.find(status, type);
                if (c.isPresent()) {
                  seen.set(c.get());
                  return wanted.test(c.get());
                }
              }
              return false;
            });
  }

  private static void awaitRevision(KubernetesClient admin, String component, String revision) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .alias(component + "'s Application at " + revision)
        .until(() -> revision.equals(targetRevision(admin, component)));
  }

  private static String targetRevision(KubernetesClient admin, String component) {
    GenericKubernetesResource app = application(admin, component);
    return app == null ? null : app.get("spec", "source", "targetRevision");
  }

  private static GenericKubernetesResource application(KubernetesClient admin, String component) {
    return admin
        .genericKubernetesResources(ArgoCdApplications.KIND)
        .inNamespace(ARGO_CD)
        .withName(component)
        .get();
  }

  private static void report(KubernetesClient admin, String component, String sync, String health) {
    ArgoCdApplications.reportComponent(admin, ARGO_CD, component, sync, health);
  }

  private static String describe(KubernetesClient admin) {
    return admin.getKubernetesSerialization().asJson(platform(admin).getStatus().getConditions())
        + " Applications: "
        + admin
            .genericKubernetesResources(ArgoCdApplications.KIND)
            .inAnyNamespace()
            .list()
            .getItems()
            .stream()
            .map(a -> a.getMetadata().getNamespace() + "/" + a.getMetadata().getName())
            .toList();
  }

  private static Map<String, String> installed(KubernetesClient admin) {
    ResourceStatus status = platform(admin).getStatus();
    return status == null || status.getInstalledVersions() == null
        ? Map.of()
        : status.getInstalledVersions();
  }

  private static Platform platform(KubernetesClient admin) {
    return admin.resources(Platform.class).withName(NAME).get();
  }

  private static void nudge(KubernetesClient admin, String why) {
    mergePatch(
        admin,
        "{\"metadata\": {\"annotations\": {\"test.bulwark.dev/nudge\": \""
            + why
            + "-"
            + System.nanoTime()
            + "\"}}}");
  }

  private static void mergePatch(KubernetesClient admin, String json) {
    admin
        .resources(Platform.class)
        .withName(NAME)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /** The operator's clock, set by the test. */
  private static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
