package dev.bulwark.gate;

import java.util.Locale;

/**
 * How bad a finding is, worst first. Every reader maps its tool's scale onto these five; a value no
 * mapping knows is bad input, never a guess.
 */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** {@code critical}, {@code high}, ... as written in a spec and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this severity is at least as bad as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /**
   * One of the five labels, in any case; throws {@link IllegalArgumentException} naming the
   * expected values otherwise.
   */
  public static Severity parse(String text) {
    if (text != null) {
      for (Severity s : values()) {
        if (s.label().equalsIgnoreCase(text.trim())) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown severity `" + text + "`; expected critical, high, medium, low or info");
  }

  /**
   * A CVSS-style score (SARIF's {@code security-severity}, 0.0 to 10.0) by the bands CVSS v3 and
   * code-scanning UIs use: 9.0+ critical, 7.0+ high, 4.0+ medium, 0.1+ low, else info.
   */
  public static Severity ofScore(double score) {
    if (Double.isNaN(score) || score < 0 || score > 10) {
      throw new IllegalArgumentException("security-severity " + score + " is outside 0.0 to 10.0");
    }
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    return score >= 0.1 ? LOW : INFO;
  }
}
