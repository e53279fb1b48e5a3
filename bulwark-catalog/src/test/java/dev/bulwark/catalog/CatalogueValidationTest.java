package dev.bulwark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Load-time validation of the catalogue: every inconsistency is reported with its path. */
class CatalogueValidationTest {

  /** A complete, valid catalogue with one component per capability except storage (none). */
  static String valid(String extraComponents, String ciImplementations) {
    StringBuilder caps = new StringBuilder("release: \"2026.11\"\ncapabilities:\n");
    for (Capability c : Capability.values()) {
      caps.append("  - id: ").append(c.id()).append("\n    implementations:\n");
      if (c == Capability.CI) {
        caps.append(ciImplementations);
      } else {
        caps.append("      - {id: none-")
            .append(c.id())
            .append(", default: true, components: []}\n");
      }
    }
    return caps + "components:\n" + extraComponents;
  }

  static String component(String id, int wave, String dependsOn) {
    return """
          - id: %s
            name: %s
            capability: ci
            source: {type: helm, repository: "https://example.org/charts", chart: %s, version: 1.0.0}
            appVersion: 1.0.0
            namespace: %s
            license: Apache-2.0
            kubernetes: {min: "1.30", max: "1.37"}
            syncWave: %d
            dependsOn: [%s]
            crds: []
            releaseNotes: https://example.org/notes
        """
        .formatted(id, id, id, id, wave, dependsOn);
  }

  static Catalogue load(String yaml) {
    return Catalogue.load(
        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void standardCatalogueLoads() {
    Catalogue catalogue = Catalogue.standard();
    assertThat(catalogue.release()).isEqualTo("2026.11");
    assertThat(catalogue.component("cert-manager")).isPresent();
    assertThat(Catalogue.standard()).isSameAs(catalogue);
  }

  @Test
  void aValidMinimalCatalogueLoads() {
    Catalogue c =
        load(
            valid(
                component("a", 0, "") + component("b", 1, "a"),
                "      - {id: t, default: true, components: [a, b]}\n"));
    assertThat(c.installOrder(c.components())).extracting(Component::id).containsExactly("a", "b");
    assertThat(c.require("b").choice()).isEqualTo(Component.Choice.DEFAULT);
  }

  @Test
  void unknownCapabilityIsNamedWithTheKnownOnes() {
    String yaml =
        valid(component("a", 0, ""), "      - {id: t, default: true, components: [a]}\n")
            .replace("  - id: scanning\n", "  - id: telepathy\n");
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining(
            "capabilities[15] (telepathy): unknown capability 'telepathy'; known capabilities: gateway, dns")
        .hasMessageContaining("capability 'scanning' is missing");
  }

  @Test
  void unknownCapabilityOfAComponent() {
    String yaml =
        valid(
            component("a", 0, "").replace("capability: ci", "capability: cooking"),
            "      - {id: t, default: true, components: []}\n");
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining("components[0] (a).capability: unknown capability 'cooking'");
  }

  @Test
  void duplicateComponentIds() {
    String yaml =
        valid(
            component("a", 0, "") + component("a", 1, ""),
            "      - {id: t, default: true, components: [a]}\n");
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining("components[1] (a): duplicate component id 'a'");
  }

  @Test
  void dependencyCycleIsShownAsAPath() {
    String yaml =
        valid(
            component("a", 0, "b") + component("b", 1, "c") + component("c", 2, "a"),
            "      - {id: t, default: true, components: [a, b, c]}\n");
    assertThatThrownBy(() -> load(yaml)).hasMessageContaining("dependency cycle a -> b -> c -> a");
  }

  @Test
  void selfDependencyIsACycle() {
    String yaml =
        valid(component("a", 0, "a"), "      - {id: t, default: true, components: [a]}\n");
    assertThatThrownBy(() -> load(yaml)).hasMessageContaining("dependency cycle a -> a");
  }

  @Test
  void waveMustFollowDependencies() {
    String yaml =
        valid(
            component("a", 1, "") + component("b", 1, "a"),
            "      - {id: t, default: true, components: [a, b]}\n");
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining(
            "components[1] (b).syncWave: 1 must be after the wave of its dependency a (1)");
  }

  @Test
  void exactlyOneDefaultPerCapability() {
    String two =
        valid(
            component("a", 0, "") + component("b", 0, ""),
            "      - {id: t, default: true, components: [a]}\n      - {id: u, default: true, components: [b]}\n");
    assertThatThrownBy(() -> load(two))
        .hasMessageContaining(
            "capabilities (ci): expected exactly one default implementation, found 2");
    String none = valid(component("a", 0, ""), "      - {id: t, components: [a]}\n");
    assertThatThrownBy(() -> load(none)).hasMessageContaining("found 0");
  }

  @Test
  void danglingReferencesAndBadValuesAreAllReported() {
    String yaml =
        valid(
            component("a", 0, "ghost")
                .replace("appVersion: 1.0.0", "appVersion: latest")
                .replace("license: Apache-2.0", "license: Apache-2.0 AND")
                .replace("max: \"1.37\"", "max: \"1.20\""),
            "      - {id: t, default: true, components: [a, missing]}\n");
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(
            CatalogueException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5))
        .hasMessageContaining("components[0] (a).dependsOn: unknown component 'ghost'")
        .hasMessageContaining("components[0] (a).appVersion: 'latest' is not a version")
        .hasMessageContaining(
            "components[0] (a).license: licence expression 'Apache-2.0 AND' ends early")
        .hasMessageContaining("components[0] (a).kubernetes: Kubernetes range 1.30..1.20 is empty")
        .hasMessageContaining("implementation 't' names unknown component 'missing'");
  }

  @Test
  void componentOutsideAnyImplementationIsReported() {
    String yaml =
        valid(
            component("a", 0, "") + component("orphan", 0, ""),
            "      - {id: t, default: true, components: [a]}\n");
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining(
            "components[1] (orphan): component 'orphan' belongs to no implementation");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    String yaml =
        valid(
            component("a", 0, "").replace("    namespace: a\n", ""),
            "      - {id: t, default: true, components: [a]}\n");
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining("components[0] (a).namespace: required");
  }

  @Test
  void notYaml() {
    assertThatThrownBy(() -> load("release: [unclosed"))
        .isInstanceOf(CatalogueException.class)
        .hasMessageContaining("not readable as YAML");
  }
}
