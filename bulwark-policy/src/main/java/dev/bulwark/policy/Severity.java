package dev.bulwark.policy;

import java.util.Locale;

/** How bad a violation is, in increasing order; {@code --fail-on} compares against it. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lower-case name used in the library, reports and the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a lower- or upper-case severity name. */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "': expected one of info, low, medium, high, critical", e);
    }
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
