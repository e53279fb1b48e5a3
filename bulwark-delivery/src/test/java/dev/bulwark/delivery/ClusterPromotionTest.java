package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who approves and what an environment runs, asked of a real kube-apiserver: the approver's groups
 * come from a SelfSubjectReview made with their (here: impersonated) credentials, and the evidence
 * from an Argo CD Application under Argo CD's upstream CRD.
 */
@RealApiServer
class ClusterPromotionTest {

  @TempDir Path dir;

  private static Actor whoAmI(Config admin, String user, String... groups) {
    Config as =
        new ConfigBuilder(admin)
            .withImpersonateUsername(user)
            .withImpersonateGroups(groups)
            .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(as).build()) {
      return ClusterIdentity.whoAmI(client);
    }
  }

  @Test
  void theClusterSaysWhoTheApproverIsAndOnlyAnOwnerMayApprove(Config admin) throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(dir);
    DeliveryTarget api = GitOpsFixture.target("api", API_IMAGE);
    Actor viewer = whoAmI(admin, "bob@example.com", "acme-viewers");
    Actor owner = whoAmI(admin, "alice@example.com", "acme-owners");
    assertThat(viewer.name()).isEqualTo("bob@example.com");
    assertThat(viewer.groups()).contains("acme-viewers").doesNotContain("acme-owners");
    assertThat(owner.groups()).contains("acme-owners");

    try (GitOpsRepository repo = GitOpsRepository.open(fixture.uri(), "main")) {
      Promoter promoter = new Promoter(repo, fixture.evidence(), Clock.systemUTC());
      promoter.promote(api, "stage", Optional.empty(), owner);
      assertThat(promoter.promote(api, "prod", Optional.empty(), viewer).kind())
          .isEqualTo(Outcome.Kind.PENDING_APPROVAL);

      assertThatThrownBy(() -> promoter.approve(api, "prod", viewer))
          .isInstanceOf(PromotionRefused.class)
          .hasMessageStartingWith(
              "bob@example.com may not approve the promotion of acme/api to prod: an approval"
                  + " needs a member of the tenant's owner groups (acme-owners), and"
                  + " bob@example.com is in ")
          .hasMessageContaining("acme-viewers");

      assertThat(promoter.approve(api, "prod", owner).kind()).isEqualTo(Outcome.Kind.PROMOTED);
    }
    assertThat(fixture.head("main").getFooterLines("Approved-by"))
        .containsExactly("alice@example.com");
  }

  @Test
  void argoCdEvidenceReadsSyncHealthAndImagesOfTheEnvironmentsApplication(KubernetesClient admin)
      throws Exception {
    ArgoCdApplications.install(admin);
    ArgoCdEvidence evidence = new ArgoCdEvidence(admin);
    assertThat(evidence.observe("acme", "api", "dev").notPassed(API_IMAGE, A))
        .contains(
            "the Argo CD Application of acme/api in dev (not found in namespace argocd) is not synced and not healthy");

    ArgoCdApplications.report(
        admin, "acme", "api", "dev", "Synced", "Progressing", List.of(API_IMAGE + "@" + A));
    EnvironmentState progressing = evidence.observe("acme", "api", "dev");
    assertThat(progressing.synced()).isTrue();
    assertThat(progressing.notPassed(API_IMAGE, A))
        .contains("Argo CD Application argocd/acme-api-dev is synced and not healthy");

    ArgoCdApplications.report(
        admin, "acme", "api", "dev", "Synced", "Healthy", List.of(API_IMAGE + "@" + A));
    EnvironmentState healthy = evidence.observe("acme", "api", "dev");
    assertThat(healthy.images()).containsExactly(API_IMAGE + "@" + A);
    assertThat(healthy.notPassed(API_IMAGE, A)).isEmpty();
    assertThat(healthy.notPassed(API_IMAGE, GitOpsFixture.B)).isPresent();
  }
}
