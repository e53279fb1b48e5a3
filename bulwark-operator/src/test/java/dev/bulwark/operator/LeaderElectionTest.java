package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
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
    LeaseHolder.prepare(admin, LEASE_NAMESPACE);
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
    return LeaseHolder.of(admin, LEASE_NAMESPACE, LEASE);
  }

  private static String awaitHolder(KubernetesClient admin, String notThis) {
    return LeaseHolder.await(admin, LEASE_NAMESPACE, LEASE, notThis);
  }
}
