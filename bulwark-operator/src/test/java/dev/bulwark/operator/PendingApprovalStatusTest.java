package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.ClusterIdentity;
import dev.bulwark.delivery.DeliveryTarget;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.Promoter;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending approval in the Application's status on a real API server with Argo CD's CRD and a
 * local bare Git repository (ADR 0041): the test plays Argo CD by writing the Applications' status.
 * The request the operator makes for prod (manual) shows in prod's status with its digest, who
 * asked, when, its commit and branch; nothing is written while nothing changes; after an owner's
 * approval it is gone and prod shows the digest as deployed.
 */
@RealApiServer
class PendingApprovalStatusTest {

  private static final Duration SECONDS = Duration.ofSeconds(45);
  private static final String TENANT = "pa";
  private static final String NAMESPACE = "pa-apps";
  private static final String IMAGE = "registry.example.test/pa/api";
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String BRANCH = "bulwark/pending/pa/api/prod";

  @Test
  void aRequestShowsInTheStatusUntilAnOwnerApprovesIt(
      KubernetesClient admin, Config config, @TempDir Path dir) throws Exception {
    GitOpsRemote remote = GitOpsRemote.withApplication(admin, dir, TENANT, NAMESPACE, IMAGE, A);
    Application app = GitOpsRemote.application(NAMESPACE, "api", TENANT, IMAGE);
    Tenant tenant = LiveFixture.tenant(TENANT, "dev", "stage", "prod");

    try (BulwarkOperator operator =
        BulwarkOperator.start(config, OperatorSettings.local("pending-approval-test"))) {
      ArgoCdApplications.report(admin, TENANT, "api", "dev", "Synced", "Healthy", List.of());
      await().atMost(SECONDS).until(() -> remote.pins("stage").contains(A));
      ArgoCdApplications.report(
          admin, TENANT, "api", "stage", "Synced", "Healthy", List.of(IMAGE + "@" + A));
      await().atMost(SECONDS).until(() -> remote.tip("refs/heads/" + BRANCH) != null);
      RevCommit request = remote.tip("refs/heads/" + BRANCH);

      await()
          .atMost(SECONDS)
          .untilAsserted(
              () ->
                  assertThat(prod(admin).getPendingApproval())
                      .isEqualTo(
                          new PendingApprovalStatus(
                              A,
                              request.getFooterLines("Requested-by").get(0),
                              request.getFooterLines("Requested-at").get(0),
                              request.name(),
                              BRANCH)));
      assertThat(prod(admin).getPendingApproval().getRequestedBy())
          .as("the operator asked, as the API server knows it")
          .isEqualTo(ClusterIdentity.whoAmI(admin).name());
      assertThat(environment(admin, "stage").getPendingApproval())
          .as("stage is automatic: nothing waits there")
          .isNull();

      // nothing changes: no write, although Argo CD's refresh of dev runs the pass again
      LiveFixture.awaitReady(admin, tenant, SECONDS);
      LiveFixture.awaitReady(admin, app, SECONDS);
      long writes = operator.writes().total();
      String version = live(admin).getMetadata().getResourceVersion();
      admin
          .genericKubernetesResources(ArgoCdApplications.KIND)
          .inNamespace(ArgoCdApplications.NAMESPACE)
          .withName(TENANT + "-api-dev")
          .edit(
              a -> {
                a.getMetadata().setAnnotations(Map.of("argocd.argoproj.io/refresh", "normal"));
                return a;
              });
      await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
      assertThat(live(admin).getMetadata().getResourceVersion()).isEqualTo(version);
      assertThat(operator.writes().total()).isEqualTo(writes);

      Actor owner = new Actor("alice@example.com", List.of(TENANT + "-owners"));
      try (GitOpsRepository repository = GitOpsRepository.open(remote.bare().toString(), "main")) {
        DeliveryTarget target = DeliveryTarget.of(app, tenant, IMAGE);
        Outcome approved =
            new Promoter(repository, new ArgoCdEvidence(admin), Clock.systemUTC())
                .approve(target, "prod", owner);
        assertThat(approved.kind()).isEqualTo(Outcome.Kind.PROMOTED);
      }
      assertThat(remote.tip("refs/heads/" + BRANCH)).as("the request branch is gone").isNull();
      ArgoCdApplications.report(
          admin, TENANT, "api", "prod", "Synced", "Healthy", List.of(IMAGE + "@" + A));

      await()
          .atMost(SECONDS)
          .untilAsserted(
              () -> {
                EnvironmentStatus prod = prod(admin);
                assertThat(prod.getPendingApproval()).isNull();
                assertThat(prod.getDigest()).as("deployed").isEqualTo(A);
                assertThat(prod.getSync()).isEqualTo("Synced");
              });
    }
  }

  /** Leaves the shared API server as the other tests expect it. */
  @AfterEach
  void cleanUp(KubernetesClient admin) {
    GitOpsRemote.cleanUp(admin, TENANT, NAMESPACE, IMAGE);
  }

  private static Application live(KubernetesClient admin) {
    return admin.resources(Application.class).inNamespace(NAMESPACE).withName("api").get();
  }

  private static EnvironmentStatus prod(KubernetesClient admin) {
    return environment(admin, "prod");
  }

  private static EnvironmentStatus environment(KubernetesClient admin, String name) {
    Application app = live(admin);
    assertThat(app.getStatus()).as("the Application has a status").isNotNull();
    return app.getStatus().getEnvironments().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no status of " + name));
  }
}
