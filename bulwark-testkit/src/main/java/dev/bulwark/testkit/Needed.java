package dev.bulwark.testkit;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * An input a test cannot run without (a tool such as helm or kubectl, the {@code ../shared} folder,
 * a built engine): with {@code CI=true}, where {@code .ci/prepare.d} provides every one, its
 * absence fails the test; elsewhere the test is skipped with a message on stderr saying what is
 * missing. Never a silent skip: every test that depends on its surroundings goes through here.
 */
public final class Needed {

  private Needed() {}

  /** Fails (CI) or skips (elsewhere) unless {@code present}. */
  public static void require(boolean present, String missing) {
    require(present, missing, System.getenv());
  }

  static void require(boolean present, String missing, Map<String, String> environment) {
    if (present) {
      return;
    }
    if ("true".equals(environment.get("CI"))) {
      throw new AssertionError("missing on CI: " + missing);
    }
    System.err.println("[skipped] " + missing);
    Assumptions.abort("skipped: " + missing);
  }

  /**
   * Skips, under CI too, a test whose subject this host's kernel refuses: no test command can
   * install a kernel feature. The reason says "blocked on this host" and names the feature, and the
   * build's closing summary lists it with the other skips. Use it only for a refusal the test has
   * seen (a state file, an error), never for a missing tool or build.
   */
  public static void hostKernelAllows(boolean allowed, String refused) {
    if (allowed) {
      return;
    }
    System.err.println("[blocked on this host] " + refused);
    Assumptions.abort("blocked on this host: " + refused);
  }
}
