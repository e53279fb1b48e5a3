package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.library.PolicyLibrary;
import org.junit.jupiter.api.Test;

/** {@code bulwark policies export --target kyverno} writes one CEL ClusterPolicy per library policy. */
class KyvernoExportCliTest {

  @Test
  void kyvernoTargetWritesAClusterPolicyPerPolicy() {
    PolicyCommandsTest.Run run = PolicyCommandsTest.run("policies", "export", "--target", "kyverno");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().split("\nkind: ClusterPolicy\n", -1)).hasSize(PolicyLibrary.standard().policies().size() + 1);
    assertThat(run.out()).contains("apiVersion: kyverno.io/v1", "cel:", "failureAction: Enforce");
  }

  @Test
  void anUnknownTargetNamesAllThree() {
    PolicyCommandsTest.Run run = PolicyCommandsTest.run("policies", "export", "--target", "opa");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("vap, gatekeeper or kyverno");
  }
}
