package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark status APP} prints the approval that waits in an environment, as the live status
 * reports it: under the table with who asked, when, where and how to approve, and in the JSON.
 */
class ApplicationViewTest {

  private static final String DIGEST = "sha256:" + "c".repeat(64);
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void aPendingApprovalIsPrintedUnderTheTableWithWhoAskedWhenAndHowToApprove() {
    String table = ApplicationView.table(shop(withRequest()));

    assertThat(table)
        .contains(
            "  pending approval in prod: "
                + DIGEST
                + " requested by system:serviceaccount:bulwark-system:bulwark-operator at"
                + " 2026-12-04T09:00:00Z (commit 0123456789ab on bulwark/pending/seen/shop/prod);"
                + " an owner approves it with: bulwark approve shop --env prod\n")
        .doesNotContain("pending approval in dev");
  }

  @Test
  void withoutARequestNothingIsPrintedAboutApprovals() {
    assertThat(ApplicationView.table(shop(new EnvironmentStatus[0]))).contains("no environment");
    String table = ApplicationView.table(shop(environment("dev"), environment("prod")));
    assertThat(table).contains("prod").doesNotContain("pending approval");
  }

  @Test
  void theJsonCarriesThePendingApprovalOfItsEnvironment() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ApplicationView.json(shop(withRequest())));

    JsonNode prod = json.path("environments").get(1);
    assertThat(prod.path("name").asText()).isEqualTo("prod");
    assertThat(prod.path("pendingApproval").path("digest").asText()).isEqualTo(DIGEST);
    assertThat(prod.path("pendingApproval").path("commit").asText()).isEqualTo(COMMIT);
    assertThat(prod.path("pendingApproval").path("branch").asText())
        .isEqualTo("bulwark/pending/seen/shop/prod");
    assertThat(json.path("environments").get(0).has("pendingApproval")).isFalse();
  }

  private static EnvironmentStatus[] withRequest() {
    EnvironmentStatus prod = environment("prod");
    prod.setPendingApproval(
        new PendingApprovalStatus(
            DIGEST,
            "system:serviceaccount:bulwark-system:bulwark-operator",
            "2026-12-04T09:00:00Z",
            COMMIT,
            "bulwark/pending/seen/shop/prod"));
    return new EnvironmentStatus[] {environment("dev"), prod};
  }

  private static EnvironmentStatus environment(String name) {
    return new EnvironmentStatus(name, "harbor.acme.example.com/seen/shop:1.0.0", 1, null, null);
  }

  private static Application shop(EnvironmentStatus... environments) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("seen-dev").build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant("seen");
    app.setSpec(spec);
    ResourceStatus status = new ResourceStatus();
    status.setEnvironments(List.of(environments));
    app.setStatus(status);
    return app;
  }
}
