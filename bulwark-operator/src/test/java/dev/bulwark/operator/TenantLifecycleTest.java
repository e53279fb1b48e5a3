package dev.bulwark.operator;

import static dev.bulwark.operator.LiveFixture.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Create, update, delete, rename, drift and no-op reconciles of Tenants and Applications on a real
 * kube-apiserver.
 */
@RealApiServer
class TenantLifecycleTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static BulwarkOperator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    operator = BulwarkOperator.start(config, OperatorSettings.local("tenant-lifecycle-test"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void tenantCreateUpdateDelete(KubernetesClient admin) {
    Tenant tenant = admin.resource(LiveFixture.tenant("life", "dev")).create();
    Tenant ready = awaitReady(admin, tenant, CONVERGE);

    Namespace dev = admin.namespaces().withName("life-dev").get();
    assertThat(dev.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "bulwark")
        .containsEntry("bulwark.dev/tenant", "life")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(dev.getMetadata().getAnnotations())
        .containsEntry(OwnerLinks.OWNER_ANNOTATION, "Tenant/life");
    assertThat(admin.rbac().roleBindings().inNamespace("life-dev").list().getItems()).isNotEmpty();
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getInventory()).contains("v1/Namespace//life-dev");
    assertThat(ready.getMetadata().getFinalizers()).contains(OwnerLinks.FINALIZER);
    assertThat(ready.getStatus().getConditions())
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Ready=True", "Reconciling=False", "Degraded=False");
    assertThat(ready.getStatus().getConditions())
        .allSatisfy(c -> assertThat(c.getReason()).isNotBlank());

    // update: a second environment
    ready.getSpec().getEnvironments().add(environment("stage"));
    Tenant updated = awaitReady(admin, admin.resource(ready).update(), CONVERGE);
    assertThat(admin.namespaces().withName("life-stage").get()).isNotNull();
    assertThat(updated.getStatus().getInventory()).contains("v1/Namespace//life-stage");

    // delete: the finalizer deletes the namespaces, then the Tenant goes
    admin.resource(updated).delete();
    await()
        .atMost(CONVERGE)
        .until(() -> admin.resources(Tenant.class).withName("life").get() == null);
    for (String ns : List.of("life-dev", "life-stage")) {
      Namespace left = admin.namespaces().withName(ns).get();
      assertThat(left == null || left.getMetadata().getDeletionTimestamp() != null)
          .as(ns + " deleted")
          .isTrue();
    }
  }

  @Test
  void renamingAnEnvironmentPrunesTheOldNamespaceAndCreatesTheNew(KubernetesClient admin) {
    Tenant tenant =
        awaitReady(admin, admin.resource(LiveFixture.tenant("move", "qa")).create(), CONVERGE);
    assertThat(admin.namespaces().withName("move-qa").get()).isNotNull();

    tenant.getSpec().getEnvironments().get(0).setName("test");
    Tenant moved = awaitReady(admin, admin.resource(tenant).update(), CONVERGE);

    assertThat(admin.namespaces().withName("move-test").get()).isNotNull();
    Namespace old = admin.namespaces().withName("move-qa").get();
    assertThat(old == null || old.getMetadata().getDeletionTimestamp() != null)
        .as("move-qa pruned")
        .isTrue();
    assertThat(moved.getStatus().getInventory())
        .contains("v1/Namespace//move-test")
        .doesNotContain("v1/Namespace//move-qa");
    admin.resource(moved).delete();
  }

  @Test
  void driftOnANetworkPolicyAndARoleBindingIsRestored(KubernetesClient admin) {
    awaitReady(admin, admin.resource(LiveFixture.tenant("drift", "dev")).create(), CONVERGE);
    NetworkPolicy policy =
        admin.network().v1().networkPolicies().inNamespace("drift-dev").list().getItems().get(0);
    String name = policy.getMetadata().getName();
    var originalSpec = policy.getSpec();

    // by hand: widen the policy with another field manager, and delete a binding
    admin
        .network()
        .v1()
        .networkPolicies()
        .inNamespace("drift-dev")
        .withName(name)
        .edit(
            p -> {
              p.getSpec().setPolicyTypes(List.of("Egress"));
              p.getSpec().setIngress(List.of());
              return p;
            });
    RoleBinding binding =
        admin.rbac().roleBindings().inNamespace("drift-dev").list().getItems().get(0);
    admin.resource(binding).delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              NetworkPolicy now =
                  admin
                      .network()
                      .v1()
                      .networkPolicies()
                      .inNamespace("drift-dev")
                      .withName(name)
                      .get();
              assertThat(now.getSpec()).isEqualTo(originalSpec);
              RoleBinding back =
                  admin
                      .rbac()
                      .roleBindings()
                      .inNamespace("drift-dev")
                      .withName(binding.getMetadata().getName())
                      .get();
              assertThat(back).isNotNull();
              assertThat(back.getSubjects()).isEqualTo(binding.getSubjects());
            });
    admin.resources(Tenant.class).withName("drift").delete();
  }

  @Test
  void aReconcileWithNothingToChangeSendsNoWrites(KubernetesClient admin)
      throws InterruptedException {
    Tenant tenant =
        awaitReady(
            admin, admin.resource(LiveFixture.tenant("quiet", "dev", "prod")).create(), CONVERGE);
    Application app =
        awaitReady(
            admin,
            admin
                .resource(LiveFixture.application("quiet-dev", "shop", "quiet", 8080, null, null))
                .create(),
            CONVERGE);
    Thread.sleep(1500); // let the last status patches and their watch events settle
    long writesBefore = operator.writes().total();
    double unchangedBefore = unchanged();

    // an unrelated change to a managed object reconciles its owner, which must find nothing to do
    admin
        .namespaces()
        .withName("quiet-dev")
        .edit(
            n -> {
              n.getMetadata().getAnnotations().put("example.test/touched", "yes");
              return n;
            });
    admin
        .services()
        .inNamespace("quiet-prod")
        .withName("shop")
        .edit(
            s -> {
              s.getMetadata().getAnnotations().put("example.test/touched", "yes");
              return s;
            });
    await().atMost(Duration.ofSeconds(20)).until(() -> unchanged() > unchangedBefore + 1);
    Thread.sleep(1000);

    assertThat(operator.writes().total())
        .as("writes during no-op reconciles: " + operator.writes().byResource())
        .isEqualTo(writesBefore);
    admin.resource(app).delete();
    admin.resource(tenant).delete();
  }

  @Test
  void applicationObjectsFollowTheApplicationAndGoWithIt(KubernetesClient admin) {
    awaitReady(admin, admin.resource(LiveFixture.tenant("shop", "dev", "prod")).create(), CONVERGE);
    Application app =
        awaitReady(
            admin,
            admin
                .resource(LiveFixture.application("shop-dev", "cart", "shop", 8080, null, null))
                .create(),
            CONVERGE);

    Service dev = admin.services().inNamespace("shop-dev").withName("cart").get();
    Service prod = admin.services().inNamespace("shop-prod").withName("cart").get();
    assertThat(dev.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(app.getMetadata().getUid()));
    assertThat(prod.getMetadata().getOwnerReferences())
        .as("other namespace: finalizer, not owner reference")
        .isEmpty();

    admin.resource(app).delete();
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              assertThat(admin.services().inNamespace("shop-prod").withName("cart").get())
                  .as("deleted by the finalizer")
                  .isNull();
              assertThat(admin.services().inNamespace("shop-dev").withName("cart").get())
                  .as("deleted by the garbage collector")
                  .isNull();
            });
    admin.resources(Tenant.class).withName("shop").delete();
  }

  private static double unchanged() {
    var counter = operator.metrics().find("bulwark.objects").tag("action", "unchanged").counter();
    return counter == null ? 0 : counter.count();
  }

  private static TenantSpec.EnvironmentSpec environment(String name) {
    TenantSpec.EnvironmentSpec env = new TenantSpec.EnvironmentSpec();
    env.setName(name);
    return env;
  }

  static boolean readyTrue(Tenant t) {
    return StatusAggregator.ready(t.getStatus(), t.getMetadata().getGeneration());
  }
}
