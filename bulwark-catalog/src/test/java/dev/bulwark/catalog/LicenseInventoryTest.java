package dev.bulwark.catalog;

import static dev.bulwark.catalog.ComponentSelectionTest.component;
import static dev.bulwark.catalog.ComponentSelectionTest.platform;
import static dev.bulwark.catalog.ComponentSelectionTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.Profile;
import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LicenseInventoryTest {

  static LicenseInventory inventory(PlatformSpec spec) {
    return LicenseInventory.of(ComponentSelection.of(spec), LicensePolicy.of(spec));
  }

  static PlatformSpec allowing(PlatformSpec spec, String... ids) {
    PlatformSpec.LicensesSpec licenses = new PlatformSpec.LicensesSpec();
    licenses.setAllow(List.of(ids));
    spec.setLicenses(licenses);
    return spec;
  }

  static LicenseInventory.Entry entry(LicenseInventory inventory, String id) {
    return inventory.entries().stream()
        .filter(e -> e.component().id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void expressionsHonourOrAndAnd() {
    LicenseExpression eck =
        LicenseExpression.parse("Elastic-2.0 AND (AGPL-3.0-only OR SSPL-1.0 OR Elastic-2.0)");
    assertThat(eck.identifiers()).containsExactly("Elastic-2.0", "AGPL-3.0-only", "SSPL-1.0");
    assertThat(eck.unmet(Set.of("Apache-2.0")))
        .containsExactly("Elastic-2.0", "AGPL-3.0-only", "SSPL-1.0");
    assertThat(eck.unmet(Set.of("AGPL-3.0-only"))).containsExactly("Elastic-2.0");
    assertThat(eck.isSatisfiedBy(Set.of("Elastic-2.0"))).isTrue();
    assertThat(
            LicenseExpression.parse("GPL-2.0-only WITH Classpath-exception-2.0")
                .isSatisfiedBy(Set.of("GPL-2.0-only")))
        .isTrue();
    assertThatThrownBy(() -> LicenseExpression.parse("(MIT")).hasMessageContaining("missing ')'");
    assertThatThrownBy(() -> LicenseExpression.parse("MIT OR")).hasMessageContaining("ends early");
    assertThatThrownBy(() -> LicenseExpression.parse("MIT OR OR Apache-2.0"))
        .hasMessageContaining("found 'OR'");
  }

  @Test
  void defaultPolicyIsPermissiveAndWeakCopyleft() {
    LicensePolicy policy = LicensePolicy.of(platform(Profile.STANDARD, Provider.GENERIC));
    assertThat(policy.fromSpec()).isFalse();
    assertThat(policy.allowed())
        .containsExactlyInAnyOrder(
            "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0", "ISC");
    assertThat(LicenseCategory.of("BUSL-1.1")).isEqualTo(LicenseCategory.SOURCE_AVAILABLE);
    assertThat(LicenseCategory.of("SSPL-1.0")).isEqualTo(LicenseCategory.SOURCE_AVAILABLE);
    assertThat(LicenseCategory.of("AGPL-3.0-only")).isEqualTo(LicenseCategory.STRONG_COPYLEFT);
    assertThat(LicenseCategory.of("MPL-2.0")).isEqualTo(LicenseCategory.WEAK_COPYLEFT);
  }

  @Test
  void minimalProfileIsClean() {
    LicenseInventory inventory = inventory(platform(Profile.MINIMAL, Provider.GENERIC));
    assertThat(inventory.hasFlags()).isFalse();
    assertThat(inventory.entries())
        .extracting(e -> e.component().id())
        .contains("argo-cd", "cert-manager");
  }

  @Test
  void eckIsFlaggedAsSourceAvailableAndNoCataloguedAlternativeAvoidsAgplByDefault() {
    LicenseInventory inventory = inventory(platform(Profile.FULL, Provider.GENERIC));
    LicenseInventory.Entry eck = entry(inventory, "eck-operator");
    assertThat(eck.flagged()).isTrue();
    assertThat(eck.categories())
        .contains(LicenseCategory.SOURCE_AVAILABLE, LicenseCategory.STRONG_COPYLEFT);
    assertThat(eck.unmet()).contains("Elastic-2.0", "SSPL-1.0");
    assertThat(eck.remedy())
        .get()
        .asString()
        .isEqualTo(
            "no catalogued alternative avoids it: loki (AGPL-3.0-only) is outside the allow-list too;"
                + " add Elastic-2.0, AGPL-3.0-only, SSPL-1.0 to spec.licenses.allow to accept it, or set spec.components.logs.enabled: false");
    LicenseInventory.Entry grafana = entry(inventory, "kube-prometheus-stack");
    assertThat(grafana.unmet()).containsExactly("AGPL-3.0-only");
    assertThat(grafana.remedy())
        .get()
        .asString()
        .startsWith("no catalogued alternative for metrics; add AGPL-3.0-only");
    assertThat(entry(inventory, "openbao").flagged())
        .as("MPL-2.0 is weak copyleft, allowed by default")
        .isFalse();
    assertThat(inventory.flagged())
        .extracting(e -> e.component().id())
        .containsExactlyInAnyOrder("eck-operator", "kube-prometheus-stack");
  }

  @Test
  void whenAgplIsAcceptedLokiIsNamedAsTheAlternativeAvoidingTheElasticLicence() {
    PlatformSpec spec =
        allowing(
            platform(Profile.FULL, Provider.GENERIC), "Apache-2.0", "MPL-2.0", "AGPL-3.0-only");
    LicenseInventory inventory = inventory(spec);
    LicenseInventory.Entry eck = entry(inventory, "eck-operator");
    assertThat(eck.unmet()).containsExactly("Elastic-2.0");
    assertThat(eck.remedy())
        .contains(
            "use loki instead, which avoids Elastic-2.0: set spec.components.logs.implementation: loki");
    assertThat(entry(inventory, "kube-prometheus-stack").flagged()).isFalse();
    assertThat(inventory.policy().source()).isEqualTo("spec.licenses.allow");
  }

  @Test
  void choosingTheAlternativeClearsTheFlag() {
    PlatformSpec spec =
        allowing(
            with(platform(Profile.FULL, Provider.GENERIC), c -> c.setLogs(component(null, "loki"))),
            "Apache-2.0",
            "MPL-2.0",
            "AGPL-3.0-only");
    LicenseInventory inventory = inventory(spec);
    assertThat(inventory.hasFlags()).isFalse();
    assertThat(inventory.alternatives())
        .extracting(e -> e.component().id())
        .contains("eck-operator");
    assertThat(inventory.alternatives())
        .filteredOn(e -> e.component().id().equals("eck-operator"))
        .singleElement()
        .satisfies(e -> assertThat(e.flagged()).isTrue());
  }

  @Test
  void anAllowListWithoutMplFlagsOpenBao() {
    PlatformSpec spec =
        allowing(platform(Profile.STANDARD, Provider.GENERIC), "Apache-2.0", "AGPL-3.0-only");
    LicenseInventory.Entry openbao = entry(inventory(spec), "openbao");
    assertThat(openbao.unmet()).containsExactly("MPL-2.0");
    assertThat(openbao.remedy())
        .get()
        .asString()
        .startsWith("no catalogued alternative for secrets; add MPL-2.0");
  }
}
