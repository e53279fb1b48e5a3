package dev.bulwark.platform.stack;

import static dev.bulwark.platform.TestSpecs.application;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.catalog.upgrade.ReleasePin;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.render.ComponentPins;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A component is rendered at the release its installed version belongs to (ADR 0042), so a
 * reconcile between upgrade steps neither undoes a step nor runs ahead of one.
 */
class InstalledVersionPinsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Set<String> changedBy(CatalogueRelease release, CatalogueRelease before) {
    return release.pins().keySet().stream()
        .filter(id -> !release.pin(id).equals(before.pin(id)))
        .collect(Collectors.toSet());
  }

  @Test
  void aComponentInstalledAtTheNextReleaseRendersThatReleasesChartOthersStayShipped() {
    CatalogueHistory history = CatalogueHistory.standard();
    CatalogueRelease shipped = history.require("2026.11");
    CatalogueRelease next = history.require("2026.12");
    Set<String> moved = changedBy(next, shipped);
    assertThat(moved).as("2026.12 changes some pin").isNotEmpty();
    String component = moved.iterator().next();
    ReleasePin pin = next.pin(component);
    BulwarkSpec spec = TestSpecs.profile("full");

    DesiredState atShipped = Renderer.standard().render(spec);
    DesiredState atPins =
        Renderer.standard()
            .render(spec, Catalogs.pins(Map.of(component, pin.appVersion().toString())));

    JsonNode app = application(atPins, component);
    assertThat(app.path("spec").path("source").path("targetRevision").asText())
        .isEqualTo(pin.sourceVersion());
    assertThat(app.path("metadata").path("annotations").path(ComponentApplication.VERSION).asText())
        .isEqualTo(pin.sourceVersion());
    assertThat(
            application(atShipped, component)
                .path("spec")
                .path("source")
                .path("targetRevision")
                .asText())
        .isEqualTo(shipped.pin(component).sourceVersion())
        .isNotEqualTo(pin.sourceVersion());
    String other = "cert-manager";
    assertThat(application(atPins, other)).isEqualTo(application(atShipped, other));
  }

  @Test
  void theShippedVersionAndUnknownVersionsRenderAtTheShippedCatalogue() {
    String velero = Catalogue.standard().component("velero").orElseThrow().appVersion().toString();
    ComponentPins pins =
        Catalogs.pins(Map.of("velero", velero, "cert-manager", "v0.0.1", "gone", "1.0.0"));

    assertThat(pins.of("velero").map(ComponentPins.Pin::sourceVersion))
        .contains(Catalogue.standard().component("velero").orElseThrow().source().version());
    assertThat(pins.of("cert-manager")).isEmpty();
    assertThat(pins.of("gone")).isEmpty();
  }

  @Test
  void noInstalledVersionsRenderExactlyAsBefore() {
    BulwarkSpec spec = TestSpecs.profile("full");
    assertThat(
            Renderer.standard().render(spec, Catalogs.pins(Map.of())).objects().stream()
                .map(o -> JSON.valueToTree(o.object()))
                .toList())
        .isEqualTo(
            Renderer.standard().render(spec).objects().stream()
                .map(o -> JSON.valueToTree(o.object()))
                .toList());
  }
}
