package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What the status says waits for an approval: what the promotion pass read, or, before it read an
 * application, what the status said; and a reconcile only when what waits changed.
 */
class PendingApprovalsTest {

  private static final PendingApprovalStatus REQUEST =
      new PendingApprovalStatus(
          "sha256:" + "a".repeat(64),
          "system:serviceaccount:bulwark-system:bulwark-operator",
          "2026-12-04T09:00:00Z",
          "1".repeat(40),
          "bulwark/pending/acme/api/prod");
  private static final PendingApprovalStatus NEWER =
      new PendingApprovalStatus(
          "sha256:" + "b".repeat(64),
          "alice@example.com",
          "2026-12-04T10:00:00Z",
          "2".repeat(40),
          "bulwark/pending/acme/api/prod");

  private final List<Predicate<Application>> reconciled = new ArrayList<>();
  private final PendingApprovals approvals = new PendingApprovals(reconciled::add);

  @Test
  void beforeThePassReadsAnApplicationItsStatusKeepsWhatItSaid() {
    List<EnvironmentStatus> environments = environments();
    approvals.fill(environments, application("acme", "api"), statusWith(REQUEST));

    assertThat(environments.get(0).getPendingApproval()).isNull();
    assertThat(environments.get(1).getPendingApproval()).isEqualTo(REQUEST);
  }

  @Test
  void whatThePassReadReplacesTheStatusAndAnApprovalClearsIt() {
    approvals.record("acme", "api", Map.of("prod", NEWER));
    List<EnvironmentStatus> environments = environments();
    approvals.fill(environments, application("acme", "api"), statusWith(REQUEST));
    assertThat(environments.get(1).getPendingApproval()).isEqualTo(NEWER);

    approvals.record("acme", "api", Map.of());
    List<EnvironmentStatus> approved = environments();
    approvals.fill(approved, application("acme", "api"), statusWith(NEWER));
    assertThat(approved).allSatisfy(e -> assertThat(e.getPendingApproval()).isNull());
  }

  @Test
  void onlyAChangeReconcilesAndOnlyTheApplicationItConcerns() {
    approvals.record("acme", "api", Map.of("prod", REQUEST));
    approvals.record("acme", "api", Map.of("prod", REQUEST));
    assertThat(reconciled).as("the same requests read twice: one reconcile").hasSize(1);
    assertThat(reconciled.get(0).test(application("acme", "api"))).isTrue();
    assertThat(reconciled.get(0).test(application("other", "api"))).isFalse();
    assertThat(reconciled.get(0).test(application("acme", "web"))).isFalse();

    approvals.record("acme", "api", Map.of("prod", NEWER));
    approvals.record("acme", "api", Map.of());
    assertThat(reconciled).hasSize(3);
  }

  @Test
  void aStoppedPassForgetsSoTheStatusKeepsWhatItSaid() {
    approvals.record("acme", "api", Map.of());
    approvals.forgetAll();
    List<EnvironmentStatus> environments = environments();
    approvals.fill(environments, application("acme", "api"), statusWith(REQUEST));
    assertThat(environments.get(1).getPendingApproval()).isEqualTo(REQUEST);
  }

  private static List<EnvironmentStatus> environments() {
    return List.of(
        new EnvironmentStatus("dev", "registry.example.test/api:1.0", 1, null, null),
        new EnvironmentStatus("prod", "registry.example.test/api:1.0", 2, null, null));
  }

  private static ResourceStatus statusWith(PendingApprovalStatus prod) {
    ResourceStatus status = new ResourceStatus();
    List<EnvironmentStatus> environments = environments();
    environments.get(1).setPendingApproval(prod);
    status.setEnvironments(environments);
    return status;
  }

  private static Application application(String tenant, String name) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(tenant + "-dev").build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    app.setSpec(spec);
    return app;
  }
}
