package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.operator.reconcile.BulwarkReconciler;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An invalid or conflicting desired object is reported as Degraded, by name, while everything else
 * converges; a spec the checks refuse is InvalidSpec, with nothing applied.
 */
@RealApiServer
class DegradedTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static BulwarkOperator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    operator = BulwarkOperator.start(config, OperatorSettings.local("degraded-test"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void anObjectTheApiServerRejectsIsNamedWhileTheOthersConverge(KubernetesClient admin) {
    Tenant tenant = LiveFixture.tenant("badquota", "dev");
    TenantSpec.QuotaSpec quota = new TenantSpec.QuotaSpec();
    quota.setCpu("-1"); // a quantity the CRD takes, but a ResourceQuota may not be negative
    tenant.getSpec().setQuota(quota);
    admin.resource(tenant).create();

    Condition degraded = awaitCondition(admin, "badquota", StatusAggregator.DEGRADED, "True");
    assertThat(degraded.getMessage())
        .contains("ResourceQuota badquota-dev/")
        .contains("must be greater than or equal to 0");
    assertThat(condition(admin, "badquota", StatusAggregator.READY).getStatus()).isEqualTo("False");
    assertThat(admin.namespaces().withName("badquota-dev").get())
        .as("the namespace still converges")
        .isNotNull();
    assertThat(admin.rbac().roles().inNamespace("badquota-dev").list().getItems()).isNotEmpty();
    assertThat(admin.network().v1().networkPolicies().inNamespace("badquota-dev").list().getItems())
        .isNotEmpty();

    // fixing the spec makes it Ready
    Tenant live = admin.resources(Tenant.class).withName("badquota").get();
    live.getSpec().getQuota().setCpu("2");
    LiveFixture.awaitReady(admin, admin.resource(live).update(), CONVERGE);
    admin.resources(Tenant.class).withName("badquota").delete();
  }

  /**
   * The CRDs require a spec, as the loader does (ADR 2: what validate accepts, the cluster accepts,
   * and the other way round): a Tenant or an Application without one is refused at once, naming the
   * field. (Objects stored before the CRDs required it are InvalidSpec in the operator.)
   */
  @Test
  void resourcesWithoutASpecAreRefusedByTheApiServer(KubernetesClient admin) {
    Tenant bare = new Tenant();
    bare.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("bare").build());
    dev.bulwark.api.v1alpha1.Application app = new dev.bulwark.api.v1alpha1.Application();
    app.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("nothing")
            .withNamespace("default")
            .build());
    for (var resource : List.of(bare, app)) {
      assertThatThrownBy(() -> admin.resource(resource).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getMessage()).contains("spec: Required value");
              });
    }
  }

  @Test
  void aNamespaceAnotherTenantHoldsIsAConflictAndThatTenantKeepsIt(KubernetesClient admin) {
    LiveFixture.awaitReady(
        admin, admin.resource(LiveFixture.tenant("alpha", "dev")).create(), CONVERGE);
    Tenant beta = LiveFixture.tenant("beta", "dev", "own");
    beta.getSpec().getEnvironments().get(0).setNamespace("alpha-dev");
    admin.resource(beta).create();

    Condition degraded = awaitCondition(admin, "beta", StatusAggregator.DEGRADED, "True");
    assertThat(degraded.getReason()).isEqualTo("Conflict");
    assertThat(degraded.getMessage())
        .contains("Namespace alpha-dev: already managed by Tenant/alpha");
    assertThat(admin.namespaces().withName("beta-own").get())
        .as("beta's own namespace converges")
        .isNotNull();
    assertThat(admin.namespaces().withName("alpha-dev").get().getMetadata().getLabels())
        .containsEntry("bulwark.dev/tenant", "alpha");
    assertThat(condition(admin, "alpha", StatusAggregator.READY).getStatus()).isEqualTo("True");
    admin.resources(Tenant.class).withName("beta").delete();
    admin.resources(Tenant.class).withName("alpha").delete();
  }

  @Test
  void aNamespaceSomeoneElseConfiguredIsNotTakenOver(KubernetesClient admin) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("gamma-dev")
                .addToLabels("pod-security.kubernetes.io/enforce", "privileged")
                .endMetadata()
                .build())
        .create();
    admin.resource(LiveFixture.tenant("gamma", "dev")).create();

    Condition degraded = awaitCondition(admin, "gamma", StatusAggregator.DEGRADED, "True");
    assertThat(degraded.getMessage())
        .contains("Namespace gamma-dev")
        .contains("HTTP 409")
        .contains("conflict");
    assertThat(admin.namespaces().withName("gamma-dev").get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    admin.resources(Tenant.class).withName("gamma").delete();
    admin.namespaces().withName("gamma-dev").delete();
  }

  /**
   * The spec checks bulwark validate runs: every reason, one event, nothing applied, not even the
   * valid part. Tenant `kube` environment `system` derives the namespace kube-system, which no CEL
   * rule on the Tenant's spec can see.
   */
  @Test
  void aTenantInKubeSystemIsRefusedWithEveryReasonAndNothingApplied(KubernetesClient admin) {
    Tenant tenant = LiveFixture.tenant("kube", "dev", "system");
    tenant.getSpec().getNetwork().setEgressCIDRs(List.of("10.0.0.1/8"));
    admin.resource(tenant).create();

    Condition ready = awaitCondition(admin, "kube", StatusAggregator.READY, "False");
    assertThat(ready.getReason()).isEqualTo(BulwarkReconciler.INVALID_SPEC);
    assertThat(ready.getMessage())
        .contains("spec.environments[1].name: the environment's namespace `kube-system`")
        .contains("is reserved: kube-* namespaces belong to Kubernetes")
        .contains(
            "spec.network.egressCIDRs[0]: expected a CIDR whose address is its network address");
    assertThat(admin.resources(Tenant.class).withName("kube").get().getStatus().getInventory())
        .as("nothing applied")
        .isNullOrEmpty();
    assertThat(managedBy(admin, "kube-system")).as("nothing in kube-system").isZero();
    assertThat(admin.namespaces().withName("kube-dev").get()).as("nor in kube-dev").isNull();
    List<Event> events =
        admin
            .v1()
            .events()
            .inAnyNamespace()
            .withField("involvedObject.name", "kube")
            .list()
            .getItems();
    assertThat(events)
        .filteredOn(e -> BulwarkReconciler.INVALID_SPEC.equals(e.getReason()))
        .hasSize(1);

    Tenant live = admin.resources(Tenant.class).withName("kube").get();
    live.getSpec().getEnvironments().get(0).setNamespace("tenant-kube-dev");
    live.getSpec().getEnvironments().get(1).setNamespace("tenant-kube-system");
    live.getSpec().getNetwork().setEgressCIDRs(List.of("10.0.0.0/8"));
    LiveFixture.awaitReady(admin, admin.resource(live).update(), CONVERGE);
    assertThat(admin.namespaces().withName("tenant-kube-system").get()).isNotNull();
    assertThat(managedBy(admin, "kube-system")).as("still nothing in kube-system").isZero();
    admin.resources(Tenant.class).withName("kube").delete();
  }

  /**
   * A converged Tenant made invalid in a way no CEL rule on its spec can see (the derived namespace
   * {@code bulwark-dev} needs the tenant's name): InvalidSpec, and what it owns stays as it was,
   * version for version (ADR 0036).
   */
  @Test
  void aConvergedTenantMadeInvalidKeepsItsObjectsUntouched(KubernetesClient admin) {
    Tenant tenant = LiveFixture.tenant("bulwark", "dev");
    tenant.getSpec().getEnvironments().get(0).setNamespace("tenant-bulwark-dev");
    Tenant ready = LiveFixture.awaitReady(admin, admin.resource(tenant).create(), CONVERGE);
    java.util.Map<String, String> before = versionsIn(admin, "tenant-bulwark-dev");
    assertThat(before).isNotEmpty();

    Tenant invalid = admin.resources(Tenant.class).withName("bulwark").get();
    invalid.getSpec().getEnvironments().get(0).setNamespace(null);
    admin.resource(invalid).update();

    Condition blocked = awaitCondition(admin, "bulwark", StatusAggregator.READY, "False");
    assertThat(blocked.getReason()).isEqualTo(BulwarkReconciler.INVALID_SPEC);
    assertThat(blocked.getMessage())
        .contains("spec.environments[0].name: the environment's namespace `bulwark-dev`")
        .contains("bulwark-* namespaces are reserved for the platform");
    assertThat(admin.namespaces().withName("bulwark-dev").get()).as("nothing applied").isNull();
    assertThat(versionsIn(admin, "tenant-bulwark-dev"))
        .as("nothing pruned or rewritten")
        .isEqualTo(before);
    assertThat(admin.resources(Tenant.class).withName("bulwark").get().getStatus().getInventory())
        .isEqualTo(ready.getStatus().getInventory());
    admin.resources(Tenant.class).withName("bulwark").delete();
  }

  /** The resourceVersion of each object the tenant owns in {@code namespace}, and the namespace. */
  private static java.util.Map<String, String> versionsIn(
      KubernetesClient admin, String namespace) {
    java.util.Map<String, String> versions = new java.util.TreeMap<>();
    List<io.fabric8.kubernetes.api.model.HasMetadata> owned = new java.util.ArrayList<>();
    owned.add(admin.namespaces().withName(namespace).get());
    owned.addAll(admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
    owned.addAll(
        admin
            .rbac()
            .roleBindings()
            .inNamespace(namespace)
            .withLabel(BulwarkLabels.TENANT)
            .list()
            .getItems());
    for (var object : owned) {
      versions.put(
          object.getKind() + " " + object.getMetadata().getName(),
          object.getMetadata().getResourceVersion());
    }
    // the quota controller writes a ResourceQuota's status; its spec is Bulwark's
    admin
        .resourceQuotas()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            q ->
                versions.put(
                    "ResourceQuota " + q.getMetadata().getName(),
                    "generation " + q.getMetadata().getGeneration()));
    return versions;
  }

  /**
   * The API server itself refuses what a CEL rule on the Tenant can see, with the rule's message.
   */
  @Test
  void theApiServerRefusesWhatTheCelRulesSee(KubernetesClient admin) {
    Tenant reserved = LiveFixture.tenant("celreserved", "dev");
    reserved.getSpec().getEnvironments().get(0).setNamespace("kube-system");
    assertThatThrownBy(() -> admin.resource(reserved).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.environments[0].namespace")
        .hasMessageContaining(
            "kube-*, default and bulwark-* namespaces are reserved for Kubernetes and the platform");

    Tenant twice = LiveFixture.tenant("celtwice", "dev", "dev");
    assertThatThrownBy(() -> admin.resource(twice).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.environments")
        .hasMessageContaining("environment names are unique within a tenant");
    assertThat(admin.resources(Tenant.class).withName("celreserved").get()).isNull();
    assertThat(admin.resources(Tenant.class).withName("celtwice").get()).isNull();
  }

  private static int managedBy(KubernetesClient admin, String namespace) {
    return admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems().size()
        + admin.resourceQuotas().inNamespace(namespace).list().getItems().size()
        + admin
            .rbac()
            .roleBindings()
            .inNamespace(namespace)
            .withLabel(BulwarkLabels.TENANT)
            .list()
            .getItems()
            .size();
  }

  private static Condition awaitCondition(
      KubernetesClient admin, String tenant, String type, String status) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Tenant live = admin.resources(Tenant.class).withName(tenant).get();
              return live != null
                  && StatusAggregator.find(live.getStatus(), type)
                      .map(c -> c.getStatus().equals(status))
                      .orElse(false);
            });
    return condition(admin, tenant, type);
  }

  private static Condition condition(KubernetesClient admin, String tenant, String type) {
    return StatusAggregator.find(
            admin.resources(Tenant.class).withName(tenant).get().getStatus(), type)
        .orElseThrow();
  }
}
