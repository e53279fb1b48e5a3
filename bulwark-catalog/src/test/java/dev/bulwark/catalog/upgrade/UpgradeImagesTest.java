package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An upgrade step names the images Bulwark runs next to the component, so they are reviewed with
 * it.
 */
class UpgradeImagesTest {

  @Test
  void aComponentStepListsItsPinnedImages() {
    UpgradePlan plan =
        UpgradePlanner.plan(
            UpgradePlannerTest.selection(PlatformSpec.Profile.STANDARD, null),
            UpgradePlannerTest.v("1.37"),
            UpgradePlannerTest.to("2026.11"),
            Map.of("argo-cd", Version.parse("v3.3.0")),
            List.of());
    UpgradeStep argo =
        plan.steps().stream().filter(s -> s.subject().equals("argo-cd")).findFirst().orElseThrow();
    assertThat(argo.notes())
        .anyMatch(n -> n.startsWith("with it, Bulwark runs helm docker.io/alpine/helm:"));
    UpgradeStep cert =
        plan.steps().stream()
            .filter(s -> s.subject().equals("cert-manager"))
            .findFirst()
            .orElseThrow();
    assertThat(cert.notes()).noneMatch(n -> n.startsWith("with it"));
  }
}
