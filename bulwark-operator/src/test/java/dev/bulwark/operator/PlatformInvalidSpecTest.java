package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.operator.reconcile.BulwarkReconciler;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Platform reconciler runs the spec checks of the class path (the platform stack's, in a real
 * installation; here {@link InvalidDomainRefusal}) before it plans: a converged Platform that a
 * check refuses becomes InvalidSpec with the check's message, and is Ready again once fixed (ADR
 * 0036).
 */
@RealApiServer
class PlatformInvalidSpecTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @Test
  void aPlatformTheChecksRefuseIsInvalidSpecUntilFixed(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    try (BulwarkOperator ignored =
        BulwarkOperator.start(config, OperatorSettings.local("platform-invalid-test"))) {
      Platform ready = LiveFixture.awaitReady(admin, LiveFixture.ensurePlatform(admin), CONVERGE);

      Platform refused = admin.resource(ready).get();
      String domain = refused.getSpec().getDomain();
      refused.getSpec().setDomain("example.invalid");
      admin.resource(refused).update();
      await()
          .atMost(CONVERGE)
          .until(() -> ready(admin).map(c -> c.getStatus().equals("False")).orElse(false));
      Condition blocked = ready(admin).orElseThrow();
      assertThat(blocked.getReason()).isEqualTo(BulwarkReconciler.INVALID_SPEC);
      assertThat(blocked.getMessage()).isEqualTo("spec.domain: " + InvalidDomainRefusal.MESSAGE);
      assertThat(platform(admin).getStatus().getInventory())
          .as("nothing applied or pruned")
          .isEqualTo(ready.getStatus().getInventory());

      Platform fixed = platform(admin);
      fixed.getSpec().setDomain(domain);
      LiveFixture.awaitReady(admin, admin.resource(fixed).update(), CONVERGE);
    }
  }

  private static Platform platform(KubernetesClient admin) {
    return admin.resources(Platform.class).withName(LiveFixture.PLATFORM).get();
  }

  private static Optional<Condition> ready(KubernetesClient admin) {
    return StatusAggregator.find(platform(admin).getStatus(), StatusAggregator.READY);
  }
}
