package dev.bulwark.cli.catalog;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec.WindowSpec;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.CatalogueRelease;
import dev.bulwark.catalog.upgrade.UpgradeGate;
import java.time.Instant;
import java.util.LinkedHashMap;
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

  /** Where a platform's channel stands at one instant. */
  private record Standing(
      UpgradeSpec upgrade, CatalogueRelease target, UpgradeGate gate, List<String> waiting) {

    static Optional<Standing> of(Platform platform, CatalogueHistory history, Instant now) {
      UpgradeSpec upgrade = platform.getSpec().getUpgrade();
      if (upgrade == null) {
        return Optional.empty();
      }
      CatalogueRelease target =
          history.target(upgrade.getChannel(), Optional.ofNullable(upgrade.getVersion()));
      UpgradeGate gate = UpgradeGate.of(upgrade, approved(platform), now);
      return Optional.of(new Standing(upgrade, target, gate, gate.waitingFor(target.release())));
    }
  }

  static String render(Platform platform, CatalogueHistory history, Instant now) {
    Optional<Standing> standing = Standing.of(platform, history, now);
    if (standing.isEmpty()) {
      return "Upgrade channel: none (spec.upgrade is not set: the operator leaves the components"
          + " at the catalogue they were installed from)\n";
    }
    Standing s = standing.get();
    StringBuilder out = new StringBuilder();
    out.append("Upgrade channel: ")
        .append(word(s.upgrade().getChannel()))
        .append(" -> catalogue ")
        .append(s.target().release())
        .append(s.upgrade().getVersion() == null ? " (the channel's newest)" : " (pinned)")
        .append('\n')
        .append("  window: ")
        .append(window(s.upgrade().getWindow()))
        .append(s.gate().windowOpen() ? " - open now" : "")
        .append('\n')
        .append("  approval: ")
        .append(word(s.gate().approval()))
        .append(s.gate().approved().map(a -> ", approved for " + a).orElse(""))
        .append('\n');
    if (s.waiting().isEmpty()) {
      out.append("  the operator may start the upgrade now\n");
    } else {
      s.waiting().forEach(w -> out.append("  waiting for: ").append(w).append('\n'));
    }
    return out.toString();
  }

  /** The same, for {@code --output json}; null when spec.upgrade is not set. */
  static Map<String, Object> json(Platform platform, CatalogueHistory history, Instant now) {
    return Standing.of(platform, history, now)
        .map(
            s -> {
              Map<String, Object> doc = new LinkedHashMap<>();
              doc.put("channel", word(s.upgrade().getChannel()));
              doc.put("target", s.target().release());
              doc.put("pinned", s.upgrade().getVersion() != null);
              doc.put("window", window(s.upgrade().getWindow()));
              doc.put("windowOpen", s.gate().windowOpen());
              doc.put("approval", word(s.gate().approval()));
              doc.put("approved", s.gate().approved().orElse(null));
              doc.put("waitingFor", s.waiting());
              return doc;
            })
        .orElse(null);
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
