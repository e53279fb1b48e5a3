package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two operator processes with leader election; the leader killed with SIGKILL while it reconciles:
 * the standby takes the Lease within the lease time (the dead leader cannot give it up, so the
 * standby waits for it to expire: at most the lease duration plus one jittered retry period) and
 * finishes the work, with nothing written twice: every object that existed at the kill is the same
 * object (same uid) after, and nothing is lost, duplicated or orphaned.
 */
@RealApiServer
class LeaderKillTest {

  private static final String LEASE_NAMESPACE = "bulwark-leader-kill";
  private static final String LEASE = "bulwark-leader-kill";
  private static final int TENANTS = 10;

  /**
   * fabric8's LeaderElector waits {@code retryPeriod * (1 + random * 1.2)} between attempts, as
   * client-go does: the standby's last look before the lease expires can be 2.2 retry periods old.
   */
  private static final double ELECTOR_JITTER = 1.2;

  /** One Lease read and one write on a loaded API server, and this test's 100 ms poll. */
  private static final Duration API_SLACK = Duration.ofSeconds(1);

  @Test
  void theStandbyTakesOverWithinTheLeaseTimeAndWritesNothingTwice(
      KubernetesClient admin, ControlPlane plane) throws Exception {
    LeaseHolder.prepare(admin, LEASE_NAMESPACE);
    Path log = plane.dir().resolve("operator-leader-kill.log");
    List<String> names = IntStream.range(0, TENANTS).mapToObj(i -> "lead" + i).toList();
    try (OperatorProcess a = replica(plane, "replica-a", log);
        OperatorProcess b = replica(plane, "replica-b", log)) {
      assertThat(awaitHolder(admin, null)).isEqualTo("replica-a");
      names.forEach(n -> admin.resource(LiveFixture.tenant(n, "dev", "prod")).create());
      LiveFixture.awaitReady(admin, LiveFixture.tenant(names.get(0)), Duration.ofSeconds(90));
      // more work arrives, and the leader dies in the middle of it
      names.forEach(n -> addEnvironment(admin, n, "staging"));
      Map<String, String> uidsAtKill = Convergence.uids(admin, names);
      a.kill();
      long killed = System.nanoTime();
      String next = awaitHolder(admin, "replica-a");
      Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
      Duration bound =
          LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE
              .plus(longestRetry(LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE))
              .plus(API_SLACK);
      for (String name : names) {
        LiveFixture.awaitReady(admin, LiveFixture.tenant(name), Duration.ofSeconds(120));
      }
      Convergence result = Convergence.of(admin, names);
      Map<String, String> after = Convergence.uids(admin, names);
      long recreated =
          uidsAtKill.entrySet().stream()
              .filter(e -> !e.getValue().equals(after.get(e.getKey())))
              .count();
      System.out.printf(
          "LeaderKillTest: leader SIGKILLed with %d objects live; %s took over in %d ms (bound %d"
              + " ms); desired %d, lost %d, duplicated %d, orphaned %d, written twice %d%n",
          uidsAtKill.size(),
          next,
          takeover.toMillis(),
          bound.toMillis(),
          result.desired().size(),
          result.lost().size(),
          result.duplicates().size(),
          result.orphans().size(),
          recreated);
      assertThat(next).isEqualTo("replica-b");
      assertThat(takeover).isLessThanOrEqualTo(bound);
      assertThat(result.converged()).as("%s", result).isTrue();
      assertThat(recreated).as("objects deleted and created again").isZero();
      names.forEach(n -> admin.resources(Tenant.class).withName(n).delete());
    }
  }

  private static Duration longestRetry(Duration retryPeriod) {
    return Duration.ofMillis(Math.round(retryPeriod.toMillis() * (1 + ELECTOR_JITTER)));
  }

  private static void addEnvironment(KubernetesClient admin, String tenant, String environment) {
    // the operator writes the Tenant's status meanwhile: a conflict means read again and retry
    for (int attempt = 1; ; attempt++) {
      try {
        admin
            .resources(Tenant.class)
            .withName(tenant)
            .edit(
                t -> {
                  TenantSpec.EnvironmentSpec added = new TenantSpec.EnvironmentSpec();
                  added.setName(environment);
                  t.getSpec().getEnvironments().add(added);
                  return t;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static OperatorProcess replica(ControlPlane plane, String identity, Path log)
      throws Exception {
    OperatorProcess replica =
        OperatorProcess.start(plane.kubeconfig(), identity, log, LEASE_NAMESPACE, LEASE);
    replica.go();
    replica.awaitReady(Duration.ofSeconds(90));
    return replica;
  }

  private static String awaitHolder(KubernetesClient admin, String notThis) {
    return LeaseHolder.await(admin, LEASE_NAMESPACE, LEASE, notThis);
  }
}
