package dev.bulwark.cli.catalog;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec.WindowSpec;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.catalog.upgrade.UpgradeGate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The channel section of {@code bulwark upgrade plan}: which release spec.upgrade's channel
 * targets, and whether the window and the approval would let the operator start now (ADR 0042).
 */
final class UpgradeChannelText {

  private UpgradeChannelText() {}

  static String render(Platform platform, CatalogueHistory history, Instant now) {
    UpgradeSpec upgrade = platform.getSpec().getUpgrade();
    if (upgrade == null) {
      return "Upgrade channel: none (spec.upgrade is not set: the operator leaves the components"
          + " at the catalogue they were installed from)\n";
    }
    CatalogueRelease target =
        history.target(upgrade.getChannel(), Optional.ofNullable(upgrade.getVersion()));
    UpgradeGate gate = UpgradeGate.of(upgrade, approved(platform), now);
    StringBuilder out = new StringBuilder();
    out.append("Upgrade channel: ")
        .append(word(upgrade.getChannel()))
        .append(" -> catalogue ")
        .append(target.release())
        .append(upgrade.getVersion() == null ? " (the channel's newest)" : " (pinned)")
        .append('\n')
        .append("  window: ")
        .append(window(upgrade.getWindow()))
        .append(gate.windowOpen() ? " - open now" : "")
        .append('\n')
        .append("  approval: ")
        .append(word(gate.approval()))
        .append(gate.approved().map(a -> ", approved for " + a).orElse(""))
        .append('\n');
    List<String> waiting = gate.waitingFor(target.release());
    if (waiting.isEmpty()) {
      out.append("  the operator may start the upgrade now\n");
    } else {
      waiting.forEach(w -> out.append("  waiting for: ").append(w).append('\n'));
    }
    return out.toString();
  }

  private static Optional<String> approved(Platform platform) {
    Map<String, String> annotations = platform.getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get(UpgradeSpec.APPROVED_ANNOTATION));
  }

  private static String window(WindowSpec window) {
    if (window == null) {
      return "any time";
    }
    return String.join(",", window.getDays().stream().map(UpgradeChannelText::word).toList())
        + " "
        + window.getStart()
        + " for "
        + window.getDuration()
        + " ("
        + window.getTimeZone()
        + ")";
  }

  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
