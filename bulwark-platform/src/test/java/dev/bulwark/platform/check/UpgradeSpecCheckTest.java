package dev.bulwark.platform.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader's checks of spec.upgrade, through the real loader and its schema pass. */
class UpgradeSpecCheckTest {

  private static LoadResult load(String upgrade) {
    return SpecLoader.loadStrings(
        Map.of(
            "platform.yaml",
            """
            apiVersion: bulwark.dev/v1alpha1
            kind: Platform
            metadata:
              name: p
            spec:
              domain: p.example.com
              profile: minimal
              upgrade:
            %s
              components:
                gitops:
                  settings:
                    repoURL: https://git.example.com/p/gitops.git
                certificates:
                  settings:
                    email: ops@p.example.com
            """
                .formatted(upgrade.indent(4).stripTrailing())));
  }

  @Test
  void aChannelWithAWindowAnApprovalAndAPinnedReleaseLoads() {
    LoadResult result =
        load(
            """
            channel: fast
            approval: automatic
            version: "2026.12"
            window: {days: [sat, sun], start: "22:00", duration: 4h, timeZone: Europe/Berlin}
            """);
    assertThat(result.report()).isEmpty();
    assertThat(result.ok()).isTrue();
  }

  @Test
  void aWindowOfNoLengthNeverOpensAndIsAnErrorAtItsLine() {
    LoadResult result =
        load(
            """
            channel: stable
            window:
              days: [sat]
              start: "22:00"
              duration: 0m
            """);
    assertThat(result.ok()).isFalse();
    assertThat(result.report())
        .contains("platform.yaml:13")
        .contains("spec.upgrade.window.duration")
        .contains("never opens");
  }

  @Test
  void aWindowWithoutDaysOrInAnUnknownZoneIsAnErrorOfItsField() {
    assertThat(load("window: {days: [], start: \"01:00\", duration: 1h}").report())
        .contains("spec.upgrade.window.days");
    assertThat(
            load("window: {days: [mon], start: \"01:00\", duration: 1h, timeZone: Mars/Olympus}")
                .report())
        .contains("spec.upgrade.window.timeZone")
        .contains("not UTC or an IANA zone");
  }

  @Test
  void aReleaseTheCatalogueDoesNotKnowOrTheChannelDoesNotOfferIsAnError() {
    assertThat(load("version: \"2031.01\"").report())
        .contains("spec.upgrade.version")
        .contains("catalogue release '2031.01' is not known");
    assertThat(load("channel: stable\nversion: \"2027.01\"").report())
        .contains("spec.upgrade.version")
        .contains("not on the stable channel");
  }
}
