package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, as the chart runs them: one holds the Lease and reconciles; when it goes away, the
 * other takes the Lease over and reconciles what arrives after. Only the leader watches for
 * promotions, which commit to the GitOps repository.
 */
@RealApiServer
class LeaderElectionTest {

  private static final String LEASE_NAMESPACE = "bulwark-le-test";
  private static final String LEASE = "bulwark-le-test";

  @Test
  void theStandbyTakesOverWhenTheLeaderStops(KubernetesClient admin, Config config)
      throws Exception {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(LEASE_NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    BulwarkOperator first =
        BulwarkOperator.start(
            config,
            OperatorSettings.local("replica-a").withLeaderElection(LEASE_NAMESPACE, LEASE, false));
    String leader = awaitHolder(admin, null);
    assertThat(leader).isEqualTo("replica-a");
    try (BulwarkOperator second =
        BulwarkOperator.start(
            config,
            OperatorSettings.local("replica-b")
                .withLeaderElection(LEASE_NAMESPACE, LEASE, false))) {
      Tenant before = admin.resource(LiveFixture.tenant("le1", "dev")).create();
      LiveFixture.awaitReady(admin, before, Duration.ofSeconds(60));
      assertThat(holder(admin))
          .as("the standby does not take the Lease while the leader runs")
          .isEqualTo("replica-a");
      assertThat(first.promoting()).as("the leader watches for promotions").isTrue();
      assertThat(second.promoting()).as("the standby does not").isFalse();

      first.close();
      assertThat(awaitHolder(admin, "replica-a")).isEqualTo("replica-b");
      Awaitility.await()
          .atMost(30, TimeUnit.SECONDS)
          .alias("the new leader watches for promotions")
          .until(second::promoting);
      Tenant after = admin.resource(LiveFixture.tenant("le2", "dev")).create();
      LiveFixture.awaitReady(admin, after, Duration.ofSeconds(90));
      assertThat(admin.namespaces().withName("le2-dev").get())
          .as("reconciled by the new leader")
          .isNotNull();
    } finally {
      first.close();
      admin.resources(Tenant.class).withName("le1").delete();
      admin.resources(Tenant.class).withName("le2").delete();
    }
  }

  private static String holder(KubernetesClient admin) {
    Lease lease = admin.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** Waits until the Lease is held by someone other than {@code notThis} (null: by anyone). */
  private static String awaitHolder(KubernetesClient admin, String notThis) {
    return Awaitility.await()
        .atMost(90, TimeUnit.SECONDS)
        .pollInterval(500, TimeUnit.MILLISECONDS)
        .until(() -> holder(admin), h -> h != null && !h.isEmpty() && !h.equals(notThis));
  }
}
