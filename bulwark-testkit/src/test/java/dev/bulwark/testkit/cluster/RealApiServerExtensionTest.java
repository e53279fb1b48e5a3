package dev.bulwark.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** What a test class gets when no control plane could start: a loud skip, or a failure in CI. */
class RealApiServerExtensionTest {

  private static final String REASON =
      "binaries [etcd] not found; build them with tools/build-k8s-binaries.sh";

  @Test
  void withoutAControlPlaneAClassIsSkippedWithTheReason() {
    assertThatThrownBy(() -> RealApiServerExtension.requirePlane(false, REASON, "SomeTest", null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(REASON);
  }

  @Test
  void inCiAMissingControlPlaneFailsTheClass() {
    assertThatThrownBy(() -> RealApiServerExtension.requirePlane(false, REASON, "SomeTest", "true"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("SomeTest")
        .hasMessageContaining(REASON);
  }

  @Test
  void aRunningControlPlaneIsNeitherSkippedNorFailed() {
    assertThatCode(() -> RealApiServerExtension.requirePlane(true, "", "SomeTest", "true"))
        .doesNotThrowAnyException();
    assertThatCode(() -> RealApiServerExtension.requirePlane(true, "", "SomeTest", null))
        .doesNotThrowAnyException();
  }
}
