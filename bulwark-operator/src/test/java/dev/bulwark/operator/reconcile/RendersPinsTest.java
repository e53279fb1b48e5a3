package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.render.ComponentPins;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The operator renders each component at the release the Platform's status says it runs (ADR 0042),
 * and a change of that status alone (no new generation) renders again.
 */
class RendersPinsTest {

  /** Writes the source version each component is pinned to, as the render context gives it. */
  private static final class PinsEcho implements RenderUnit {
    @Override
    public String capability() {
      return "pins-echo";
    }

    @Override
    public List<HasMetadata> render(RenderContext context) {
      Map<String, String> data = new TreeMap<>();
      context.pins().pins().forEach((id, pin) -> data.put(id, pin.sourceVersion()));
      return List.of(
          new ConfigMapBuilder()
              .withMetadata(
                  new ObjectMetaBuilder()
                      .withName("pins")
                      .withNamespace("bulwark-system")
                      .addToLabels(BulwarkLabels.TENANT, BulwarkLabels.PLATFORM_TENANT)
                      .build())
              .withData(data)
              .build());
    }
  }

  private static Platform platform(Map<String, String> installed) {
    Platform platform = new Platform();
    platform.setMetadata(
        new ObjectMetaBuilder().withName("bulwark").withUid("u-1").withGeneration(3L).build());
    platform.setSpec(new PlatformSpec());
    ResourceStatus status = new ResourceStatus();
    status.setInstalledVersions(new TreeMap<>(installed));
    platform.setStatus(status);
    return platform;
  }

  private static Map<String, String> rendered(Renders renders, Platform platform) {
    return ((ConfigMap) renders.ofPlatform(platform, List.of(), List.of()).get(0)).getData();
  }

  @Test
  void eachInstalledVersionRendersAtItsReleasesPinAndAStatusChangeRendersAgain() {
    CatalogueHistory history = CatalogueHistory.standard();
    CatalogueRelease shipped = history.require("2026.11");
    CatalogueRelease next = history.require("2026.12");
    String moved =
        next.pins().keySet().stream()
            .filter(id -> !next.pin(id).equals(shipped.pin(id)))
            .findFirst()
            .orElseThrow();
    Renders renders = new Renders(new Renderer(List.of(new PinsEcho())));

    Map<String, String> before =
        rendered(
            renders,
            platform(Map.of(moved, shipped.pin(moved).appVersion().toString(), "gone", "1.0")));
    Map<String, String> after =
        rendered(renders, platform(Map.of(moved, next.pin(moved).appVersion().toString())));

    assertThat(before).containsExactly(Map.entry(moved, shipped.pin(moved).sourceVersion()));
    assertThat(after).containsExactly(Map.entry(moved, next.pin(moved).sourceVersion()));
  }

  @Test
  void aPlatformWithoutStatusRendersAtTheShippedCatalogue() {
    Platform platform = platform(Map.of());
    platform.setStatus(null);
    assertThat(Renders.installedPins(platform)).isEqualTo(ComponentPins.shipped());
  }
}
