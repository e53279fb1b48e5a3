package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * etcd and the API server killed together while the operator reconciles, {@value #ROUNDS} times,
 * and started again on the same data: the operator process, never restarted, recovers by itself. It
 * finishes the work that was under way at the crash, acts on a change made after it (so its watches
 * are live again, not only its lists), and leaves nothing lost, duplicated or orphaned.
 */
@RealApiServer
class ControlPlaneCrashTest {

  private static final int ROUNDS = 3;
  private static final int TENANTS = 8;
  private static final Duration RECOVERY = Duration.ofSeconds(120);

  @Test
  void theOperatorRecoversByItselfWhenEtcdAndTheApiServerCrashMidReconcile(
      KubernetesClient admin, ControlPlane plane) throws Exception {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    List<String> names = new ArrayList<>();
    IntStream.range(0, TENANTS).forEach(i -> names.add("crash" + i));
    Path log = plane.dir().resolve("operator-control-plane-crash.log");
    try (OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(), "crash", log)) {
      operator.go();
      operator.awaitReady(Duration.ofSeconds(90));
      names.forEach(n -> admin.resource(LiveFixture.tenant(n, "dev", "prod")).create());
      for (int round = 1; round <= ROUNDS; round++) {
        String environment = "env" + round;
        // work under way: every tenant gains a namespace, and the store dies meanwhile
        names.forEach(n -> LiveFixture.addEnvironment(admin, n, environment));
        plane.crashAndRestart(Duration.ofMinutes(2));
        long restarted = System.nanoTime();
        String late = "crashlate" + round;
        admin.resource(LiveFixture.tenant(late, "dev")).create();
        names.add(late);
        for (String name : names) {
          LiveFixture.awaitReady(admin, LiveFixture.tenant(name), RECOVERY);
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
        Convergence result = Convergence.of(admin, names);
        System.out.printf(
            "ControlPlaneCrashTest: round %d, %d tenants Ready %d ms after the control plane came"
                + " back; desired %d, lost %d, duplicated %d, orphaned %d%n",
            round,
            names.size(),
            recovery.toMillis(),
            result.desired().size(),
            result.lost().size(),
            result.duplicates().size(),
            result.orphans().size());
        assertThat(operator.alive()).as("the operator process survived the crash").isTrue();
        assertThat(result.converged()).as("round %d: %s", round, result).isTrue();
        assertThat(admin.namespaces().withName("crash0-" + environment).get())
            .as("the environment added just before the crash")
            .isNotNull();
      }
    } finally {
      names.forEach(n -> admin.resources(Tenant.class).withName(n).delete());
    }
  }
}
