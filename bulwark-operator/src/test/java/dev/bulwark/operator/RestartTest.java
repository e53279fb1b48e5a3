package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stopping the operator in the middle of a reconcile and starting another converges without
 * leftovers or losses.
 */
@RealApiServer
class RestartTest {

  private static final int TENANTS = 6;

  @Test
  void aRestartMidReconcileConvergesWithoutDuplicatesOrLosses(KubernetesClient admin, Config config)
      throws Exception {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    List<Tenant> tenants = new ArrayList<>();
    List<Application> apps = new ArrayList<>();
    BulwarkOperator first = BulwarkOperator.start(config, OperatorSettings.local("restart-first"));
    try {
      for (int i = 0; i < TENANTS; i++) {
        tenants.add(admin.resource(LiveFixture.tenant("rs" + i, "dev", "prod")).create());
      }
      Thread.sleep(300); // some tenants half applied, some not started
    } finally {
      first.close();
    }
    long partial =
        admin
            .namespaces()
            .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
            .list()
            .getItems()
            .stream()
            .filter(n -> n.getMetadata().getName().startsWith("rs"))
            .count();
    // while no operator runs: a spec change (prune needed) and applications (apply needed)
    Tenant moved = admin.resources(Tenant.class).withName("rs0").get();
    moved.getSpec().getEnvironments().get(1).setName("live");
    admin.resource(moved).update();

    try (BulwarkOperator second =
        BulwarkOperator.start(config, OperatorSettings.local("restart-second"))) {
      for (int i = 0; i < TENANTS; i++) {
        Tenant ready = LiveFixture.awaitReady(admin, tenants.get(i), Duration.ofSeconds(60));
        assertThat(liveObjectsOf(admin, "rs" + i))
            .as("live objects of rs" + i + " (" + partial + " namespaces existed at the stop)")
            .isEqualTo(inventoryOf(ready));
      }
      Application app =
          admin
              .resource(LiveFixture.application("rs1-dev", "api", "rs1", 8080, null, null))
              .create();
      apps.add(LiveFixture.awaitReady(admin, app, Duration.ofSeconds(30)));
      assertThat(admin.services().inNamespace("rs1-prod").withName("api").get()).isNotNull();
    }
    // Pruned after the restart: terminating, or already gone once the namespace controller has
    // emptied it (on a quiet machine that can happen before this line runs).
    Namespace pruned = admin.namespaces().withName("rs0-prod").get();
    assertThat(pruned == null || pruned.getMetadata().getDeletionTimestamp() != null)
        .as("rs0-prod pruned after the restart")
        .isTrue();
    apps.forEach(a -> admin.resource(a).delete());
    tenants.forEach(
        t -> admin.resources(Tenant.class).withName(t.getMetadata().getName()).delete());
  }

  /** Every live object labelled as the tenant's (and not being deleted), as inventory entries. */
  private static Set<String> liveObjectsOf(KubernetesClient admin, String tenant) {
    Set<String> live = new TreeSet<>();
    Convergence.liveObjects(admin, List.of(tenant)).stream()
        .filter(o -> !o.getMetadata().getLabels().containsKey(BulwarkLabels.APPLICATION))
        .forEach(o -> live.add(Convergence.entry(o)));
    return live;
  }

  private static Set<String> inventoryOf(Tenant tenant) {
    return new TreeSet<>(tenant.getStatus().getInventory());
  }
}
