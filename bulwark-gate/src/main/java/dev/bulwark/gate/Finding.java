package dev.bulwark.gate;

import java.util.Objects;
import java.util.Set;

/**
 * One thing a scanner or the licence check found.
 *
 * @param kind what found it, which decides the rule that judges it
 * @param id the vulnerability id (CVE-..., GHSA-...), scanner rule id, ZAP plugin id or SPDX id
 * @param aliases other ids of the same vulnerability (a GHSA's CVE), which waivers and VEX match
 *     too
 * @param severity how bad it is
 * @param component the package URL of the affected component, or {@code null} (code, DAST)
 * @param location where: a file and line for code, a URL for DAST, empty otherwise
 * @param source the input file it was read from
 * @param title one line about it, free of secret values
 */
public record Finding(
    Kind kind,
    String id,
    Set<String> aliases,
    Severity severity,
    String component,
    String location,
    String source,
    String title) {

  /** Where a finding comes from. */
  public enum Kind {
    VULNERABILITY("vulnerability"),
    CODE("code"),
    SECRET("secret"),
    DAST("dast"),
    LICENCE("licence");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    aliases = Set.copyOf(aliases);
    location = Objects.requireNonNullElse(location, "");
    source = Objects.requireNonNullElse(source, "");
    title = Objects.requireNonNullElse(title, "");
  }

  /** Whether this finding goes by {@code name}: its id or one of its aliases. */
  public boolean isNamed(String name) {
    return id.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
  }

  /** A short label: kind, id and component or location. */
  public String subject() {
    String where = component != null ? component : location;
    return kind.label() + " " + id + (where.isEmpty() ? "" : " in " + where);
  }
}
