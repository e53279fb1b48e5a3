package dev.bulwark.policy.library;

import java.util.Arrays;
import java.util.Locale;

/** The four categories of the platform essentials; every policy belongs to one. */
public enum Category {
  INFRASTRUCTURE("infrastructure"),
  APPLICATION_LIFECYCLE("application-lifecycle"),
  OBSERVABILITY("observability"),
  SECURITY_COMPLIANCE("security-compliance");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Category parse(String text) {
    return Arrays.stream(values())
        .filter(c -> c.label.equals(text.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown category '"
                        + text
                        + "': expected one of infrastructure, application-lifecycle, observability, security-compliance"));
  }
}
