package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    Optional<Path> crd = SharedData.resolve("crds/argo-cd/application-crd.yaml");
    Needed.require(crd.isPresent(), "../shared/crds/argo-cd/application-crd.yaml (Argo CD's CRD)");
    try (InputStream in = Files.newInputStream(crd.get())) {
      CustomResourceDefinition definition =
          admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      admin.resource(definition).forceConflicts().serverSideApply();
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(definition.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              s ->
                                  s.getType().equals("Established")
                                      && s.getStatus().equals("True")),
              60,
              TimeUnit.SECONDS);
    }
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ArgoCdEvidence.NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    ArgoCdEvidence evidence = new ArgoCdEvidence(admin);
    assertThat(evidence.observe("acme", "api", "dev").notPassed(API_IMAGE, A))
        .contains(
            "the Argo CD Application of acme/api in dev (not found in namespace argocd) is not synced and not healthy");

    admin
        .genericKubernetesResources(ArgoCdEvidence.APPLICATIONS)
        .inNamespace(ArgoCdEvidence.NAMESPACE)
        .resource(argoApplication("Synced", "Progressing"))
        .serverSideApply();
    EnvironmentState progressing = evidence.observe("acme", "api", "dev");
    assertThat(progressing.synced()).isTrue();
    assertThat(progressing.notPassed(API_IMAGE, A))
        .contains("Argo CD Application argocd/acme-api-dev is synced and not healthy");

    admin
        .genericKubernetesResources(ArgoCdEvidence.APPLICATIONS)
        .inNamespace(ArgoCdEvidence.NAMESPACE)
        .resource(argoApplication("Synced", "Healthy"))
        .forceConflicts()
        .serverSideApply();
    EnvironmentState healthy = evidence.observe("acme", "api", "dev");
    assertThat(healthy.images()).containsExactly(API_IMAGE + "@" + A);
    assertThat(healthy.notPassed(API_IMAGE, A)).isEmpty();
    assertThat(healthy.notPassed(API_IMAGE, GitOpsFixture.B)).isPresent();
  }

  private static GenericKubernetesResource argoApplication(String sync, String health) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1")
        .withKind("Application")
        .withNewMetadata()
        .withName("acme-api-dev")
        .withNamespace(ArgoCdEvidence.NAMESPACE)
        .withLabels(
            Map.of(
                BulwarkLabels.TENANT, "acme",
                BulwarkLabels.ENVIRONMENT, "dev",
                BulwarkLabels.APPLICATION, "api"))
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "project", "acme",
                    "source",
                        Map.of(
                            "repoURL",
                            "https://git.example.com/gitops.git",
                            "path",
                            "tenants/acme/dev"),
                    "destination",
                        Map.of(
                            "server", "https://kubernetes.default.svc", "namespace", "acme-dev")),
                "status",
                Map.of(
                    "sync", Map.of("status", sync),
                    "health", Map.of("status", health),
                    "summary", Map.of("images", List.of(API_IMAGE + "@" + A)))))
        .build();
  }
}
