package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class NeededTest {

  @Test
  void aPresentInputLetsTheTestRun() {
    assertThatCode(() -> Needed.require(true, "helm", Map.of("CI", "true")))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingInputFailsOnCi() {
    assertThatThrownBy(() -> Needed.require(false, "helm", Map.of("CI", "true")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing on CI: helm");
  }

  @Test
  void aMissingInputSkipsWithItsNameElsewhere() {
    assertThatThrownBy(() -> Needed.require(false, "helm", Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("helm");
  }

  @Test
  void aKernelRefusalSkipsAsBlockedOnThisHostAndAnAllowanceRuns() {
    assertThatThrownBy(() -> Needed.hostKernelAllows(false, "nftables queue"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessage("blocked on this host: nftables queue");
    assertThatCode(() -> Needed.hostKernelAllows(true, "nftables queue"))
        .doesNotThrowAnyException();
  }
}
