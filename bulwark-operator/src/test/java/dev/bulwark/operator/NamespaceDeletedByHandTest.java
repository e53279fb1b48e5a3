package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant's namespace deleted by hand is drift like any other (ADR 9): once the namespace
 * controller has emptied and removed it, the operator creates it again with every object of the
 * tenant and of the applications in it, and the Tenant and Application are Ready.
 */
@RealApiServer
class NamespaceDeletedByHandTest {

  @Test
  void aDeletedTenantNamespaceIsCreatedAgainWithEverythingInIt(
      KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    try (BulwarkOperator operator =
        BulwarkOperator.start(config, OperatorSettings.local("namespace-deleted"))) {
      Application app = Convergence.readyTenantWithApplication(admin, "gone");
      Tenant tenant = LiveFixture.tenant("gone");
      String uid = admin.namespaces().withName("gone-prod").get().getMetadata().getUid();
      assertThat(admin.services().inNamespace("gone-prod").withName("api").get()).isNotNull();

      admin.namespaces().withName("gone-prod").delete();

      Namespace again =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(300))
              .until(
                  () -> admin.namespaces().withName("gone-prod").get(),
                  n ->
                      n != null
                          && !n.getMetadata().getUid().equals(uid)
                          && n.getMetadata().getDeletionTimestamp() == null);
      assertThat(again.getMetadata().getLabels()).containsEntry("bulwark.dev/tenant", "gone");
      LiveFixture.awaitReady(admin, tenant, Duration.ofSeconds(60));
      LiveFixture.awaitReady(admin, app, Duration.ofSeconds(60));
      Convergence result =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> Convergence.of(admin, List.of("gone")), Convergence::converged);
      assertThat(result.desired()).contains("v1/Service/gone-prod/api");
      admin.resource(app).delete();
      admin.resources(Tenant.class).withName("gone").delete();
    }
  }
}
