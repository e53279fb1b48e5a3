package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Platform deleted while tenants exist (ADR 44): the Platform's finalizer removes the
 * Platform's own objects, and the tenants and applications keep every object they own, untouched,
 * with {@code Ready=False} and reason {@code PlatformNotFound} until a Platform exists again; then
 * they are Ready with the same objects.
 */
@RealApiServer
class PlatformDeletedTest {

  @Test
  void tenantsKeepTheirObjectsUntilAPlatformExistsAgain(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    List<String> tenants = List.of("keep");
    try (BulwarkOperator operator =
        BulwarkOperator.start(config, OperatorSettings.local("platform-deleted"))) {
      Application app = Convergence.readyTenantWithApplication(admin, "keep");
      Tenant tenant = LiveFixture.tenant("keep");
      Map<String, String> before = Convergence.uids(admin, tenants);

      admin.resources(Platform.class).withName(LiveFixture.PLATFORM).delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> admin.resources(Platform.class).withName(LiveFixture.PLATFORM).get() == null);
      awaitReason(admin, Tenant.class, tenant, "PlatformNotFound");
      awaitReason(admin, Application.class, app, "PlatformNotFound");
      assertThat(Convergence.uids(admin, tenants))
          .as("the tenant's and application's objects while no Platform exists")
          .isEqualTo(before);

      LiveFixture.ensurePlatform(admin);
      LiveFixture.awaitReady(admin, tenant, Duration.ofSeconds(60));
      LiveFixture.awaitReady(admin, app, Duration.ofSeconds(60));
      Convergence result = Convergence.of(admin, tenants);
      assertThat(result.converged()).as("%s", result).isTrue();
      assertThat(Convergence.uids(admin, tenants))
          .as("the same objects once a Platform exists")
          .isEqualTo(before);
      admin.resource(app).delete();
      admin.resources(Tenant.class).withName("keep").delete();
    } finally {
      LiveFixture.ensurePlatform(admin);
    }
  }

  private static <R extends CustomResource<?, ResourceStatus>> void awaitReason(
      KubernetesClient admin, Class<R> type, R resource, String reason) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> notReadyReason(LiveFixture.current(admin, type, resource)), reason::equals);
  }

  private static String notReadyReason(CustomResource<?, ResourceStatus> resource) {
    if (resource.getStatus() == null) {
      return "";
    }
    return resource.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready") && c.getStatus().equals("False"))
        .map(Condition::getReason)
        .findFirst()
        .orElse("");
  }
}
