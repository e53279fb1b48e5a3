package dev.bulwark.gate;

import java.util.Objects;

/**
 * A supplier's or the team's statement about one vulnerability in a component (OpenVEX or CycloneDX
 * VEX).
 *
 * @param vulnerability the vulnerability id
 * @param component a package URL, or {@code null} for every component
 * @param status what the statement says
 * @param justification why, as the document gives it (may be empty)
 * @param source the file it was read from
 */
public record VexStatement(
    String vulnerability, String component, Status status, String justification, String source) {

  /** OpenVEX's statuses; CycloneDX's {@code analysis.state} values map onto them. */
  public enum Status {
    NOT_AFFECTED,
    AFFECTED,
    FIXED,
    UNDER_INVESTIGATION;

    /** Whether a finding with this status stops counting: not affected, or fixed. */
    public boolean clears() {
      return this == NOT_AFFECTED || this == FIXED;
    }
  }

  public VexStatement {
    Objects.requireNonNull(vulnerability, "vulnerability");
    Objects.requireNonNull(status, "status");
    justification = Objects.requireNonNullElse(justification, "");
  }

  /** Whether the statement is about this finding. */
  public boolean names(Finding finding) {
    return finding.kind() == Finding.Kind.VULNERABILITY
        && finding.isNamed(vulnerability)
        && PackageUrls.names(component, finding.component());
  }
}
