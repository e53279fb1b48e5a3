package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.library.PolicyLibrary;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark policies export --target kyverno} writes one CEL ClusterPolicy per library policy,
 * and {@code --enforcement audit} makes Kyverno and Gatekeeper report rather than deny.
 */
class KyvernoExportCliTest {

  @Test
  void kyvernoTargetWritesAClusterPolicyPerPolicy() {
    PolicyCommandsTest.Run run =
        PolicyCommandsTest.run("policies", "export", "--target", "kyverno");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().split("\nkind: ClusterPolicy\n", -1))
        .hasSize(PolicyLibrary.standard().policies().size() + 1);
    assertThat(run.out()).contains("apiVersion: kyverno.io/v1", "cel:", "failureAction: Enforce");
  }

  @Test
  void auditEnforcementMakesKyvernoAndGatekeeperReportAndFailOpen() {
    PolicyCommandsTest.Run kyverno =
        PolicyCommandsTest.run(
            "policies", "export", "--target", "kyverno", "--enforcement", "audit");
    assertThat(kyverno.code()).as(kyverno.err()).isZero();
    assertThat(kyverno.out())
        .contains("failureAction: Audit", "failurePolicy: Ignore")
        .doesNotContain("failureAction: Enforce");
    PolicyCommandsTest.Run gatekeeper =
        PolicyCommandsTest.run(
            "policies", "export", "--target", "gatekeeper", "--enforcement", "audit");
    assertThat(gatekeeper.code()).as(gatekeeper.err()).isZero();
    assertThat(gatekeeper.out())
        .contains("enforcementAction: dryrun")
        .doesNotContain("enforcementAction: deny");
    PolicyCommandsTest.Run enforcing =
        PolicyCommandsTest.run("policies", "export", "--target", "gatekeeper");
    assertThat(enforcing.out())
        .contains("enforcementAction: deny")
        .doesNotContain("enforcementAction: dryrun");
  }

  @Test
  void vapsCannotBeExportedAsAuditOnlyAndAnUnknownModeIsAUsageError() {
    PolicyCommandsTest.Run vap =
        PolicyCommandsTest.run("policies", "export", "--target", "vap", "--enforcement", "audit");
    assertThat(vap.code()).isEqualTo(2);
    assertThat(vap.err()).contains("--enforcement audit applies to gatekeeper and kyverno");
    PolicyCommandsTest.Run unknown =
        PolicyCommandsTest.run(
            "policies", "export", "--target", "kyverno", "--enforcement", "block");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("expected enforce or audit, got 'block'");
  }

  @Test
  void anUnknownTargetNamesAllThree() {
    PolicyCommandsTest.Run run = PolicyCommandsTest.run("policies", "export", "--target", "opa");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("vap, gatekeeper or kyverno");
  }
}
