package dev.bulwark.testkit.charts;

import org.junit.jupiter.api.Assumptions;

/**
 * An input a test cannot run without (helm, {@code ../shared}): with {@code CI=true} its absence
 * fails the test; elsewhere the test is skipped with a message on stderr saying what is missing.
 */
public final class Needed {

  private Needed() {}

  /** Fails (CI) or skips (elsewhere) unless {@code present}. */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("missing on CI: " + missing);
    }
    System.err.println("[skipped] " + missing);
    Assumptions.abort("skipped: " + missing);
  }
}
