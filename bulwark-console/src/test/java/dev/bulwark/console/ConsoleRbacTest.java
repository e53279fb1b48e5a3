package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.delivery.ClusterIdentity;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The console's own identity from the chart, on a real API server: it may do what the console does
 * by itself (SubjectAccessReviews, impersonation, its watches) and nothing else, not even read a
 * Secret or write anything. The pages themselves run under it in {@link ConsoleBrowserTest}.
 */
@RealApiServer
class ConsoleRbacTest {

  @Test
  void theConsolesIdentityMayAskAndImpersonateButNotReadSecretsOrWrite(
      KubernetesClient admin, Config config) throws Exception {
    Config console = ConsoleIdentity.install(admin, config);
    try (KubernetesClient service = new KubernetesClientBuilder().withConfig(console).build()) {
      assertThat(ClusterIdentity.whoAmI(service).name())
          .as("authenticated as its ServiceAccount, not impersonating it")
          .isEqualTo("system:serviceaccount:bulwark-system:" + ConsoleIdentity.ACCOUNT);

      // a SubjectAccessReview: the API server answers, and the answer is about the person
      Access access = new Access(service, "oidc:", "oidc:", Clock.systemUTC());
      Session nobody = new Session("s", "nobody", List.of("no-team"), "c", java.time.Instant.MAX);
      assertThat(access.may(nobody, "list", "", "pods", "default")).isFalse();
      // its own watches and reads
      assertThat(service.resourceQuotas().inAnyNamespace().list()).isNotNull();
      // impersonation: the person's own identity reaches the API server
      try (KubernetesClient person =
          new KubernetesClientBuilder()
              .withConfig(
                  new io.fabric8.kubernetes.client.ConfigBuilder(console)
                      .withImpersonateUsername("oidc:nobody")
                      .withImpersonateGroups("oidc:no-team")
                      .build())
              .build()) {
        assertThat(ClusterIdentity.whoAmI(person).name()).isEqualTo("oidc:nobody");
      }
      for (Runnable refused :
          List.<Runnable>of(
              () -> service.secrets().inAnyNamespace().list(),
              () -> service.pods().inAnyNamespace().list(),
              () ->
                  service
                      .configMaps()
                      .inNamespace("default")
                      .resource(
                          new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                              .withNewMetadata()
                              .withName("console-was-here")
                              .endMetadata()
                              .build())
                      .create(),
              () -> service.namespaces().withName("default").delete())) {
        Assertions.assertThatThrownBy(refused::run)
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      }
    }
  }

  @Test
  void theConsolesRoleGrantsNoWriteButItsQuestionsAndNothingOnSecrets() throws Exception {
    List<String> writes = new ArrayList<>();
    JsonNode role =
        ConsoleIdentity.rendered().stream()
            .filter(o -> o.path("kind").asText().equals("ClusterRole"))
            .findFirst()
            .orElseThrow();
    for (JsonNode rule : role.path("rules")) {
      List<String> resources = new ArrayList<>();
      rule.path("resources").forEach(r -> resources.add(r.asText()));
      assertThat(resources).doesNotContain("secrets", "*");
      rule.path("verbs")
          .forEach(
              v -> {
                if (!List.of("get", "list", "watch").contains(v.asText())) {
                  writes.add(v.asText() + " " + resources);
                }
              });
    }
    assertThat(writes)
        .containsExactlyInAnyOrder("impersonate [users, groups]", "create [subjectaccessreviews]");
  }
}
