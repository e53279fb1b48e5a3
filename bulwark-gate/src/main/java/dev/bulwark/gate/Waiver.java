package dev.bulwark.gate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted finding: it names one id (and optionally one component), says why and who answers for
 * it, and applies up to and including its expiry day (UTC).
 *
 * @param component a package URL, or {@code null} for every component
 */
public record Waiver(String id, String reason, String owner, LocalDate expires, String component) {

  public Waiver {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expires, "expires");
  }

  /** Whether the waiver still applies on {@code today}. */
  public boolean activeOn(LocalDate today) {
    return !today.isAfter(expires);
  }

  /** Whether the waiver names this finding (whatever the date). */
  public boolean names(Finding finding) {
    return finding.isNamed(id) && PackageUrls.names(component, finding.component());
  }

  /** How a reason cites it. */
  public String describe() {
    return "waiver "
        + id
        + (component == null ? "" : " for " + component)
        + " (owner "
        + owner
        + ", until "
        + expires
        + ": "
        + reason
        + ")";
  }
}
