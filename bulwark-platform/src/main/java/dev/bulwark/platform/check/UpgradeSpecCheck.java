package dev.bulwark.platform.check;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.MaintenanceWindow;
import dev.bulwark.spec.SpecCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.upgrade} (ADR 0042): a maintenance window that never opens (no length, an unknown
 * zone) and a pinned version the catalogue does not know or the channel does not offer are errors
 * of their field, so that a platform never waits for an upgrade that cannot come.
 */
public final class UpgradeSpecCheck implements SpecCheck {

  private static final String FIELD = "spec.upgrade.";

  @Override
  public List<Finding> check(BulwarkSpec spec) {
    UpgradeSpec upgrade = spec.platform().getSpec().getUpgrade();
    if (upgrade == null) {
      return List.of();
    }
    String name = spec.platform().getMetadata().getName();
    List<Finding> findings = new ArrayList<>();
    if (upgrade.getWindow() != null) {
      MaintenanceWindow.problems(upgrade.getWindow())
          .forEach(
              (field, message) ->
                  findings.add(new Finding("Platform", name, FIELD + "window." + field, message)));
    }
    if (upgrade.getVersion() != null) {
      try {
        CatalogueHistory.standard().target(upgrade.getChannel(), Optional.of(upgrade.getVersion()));
      } catch (IllegalArgumentException e) {
        findings.add(new Finding("Platform", name, FIELD + "version", e.getMessage()));
      }
    }
    return findings;
  }
}
