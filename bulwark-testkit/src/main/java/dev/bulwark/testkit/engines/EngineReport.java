package dev.bulwark.testkit.engines;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints, when a test run ends, which real engines ran and which were skipped and why. Register it
 * with {@code @ExtendWith(EngineReport.class)} on every class that calls {@link Engine#require()};
 * surefire does not print abort reasons, so without this summary a skipped engine goes unnoticed.
 */
public final class EngineReport implements BeforeAllCallback {

  private static final Map<String, String> OUTCOMES = new TreeMap<>();

  static synchronized void ran(Engine engine, Path binary) {
    OUTCOMES.putIfAbsent(
        engine.name(), "RAN      " + engine.name() + " " + engine.version() + " (" + binary + ")");
  }

  static synchronized void skipped(Engine engine, String reason) {
    OUTCOMES.putIfAbsent(engine.name(), "SKIPPED  " + reason);
  }

  /** The summary lines so far, one per engine. */
  public static synchronized String summary() {
    return String.join(System.lineSeparator(), OUTCOMES.values());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store is closed once, when the whole run ends.
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(EngineReport.class))
        .computeIfAbsent(Printer.class, k -> new Printer(), Printer.class);
  }

  private static final class Printer implements AutoCloseable {
    @Override
    public void close() {
      String summary = summary();
      if (!summary.isEmpty()) {
        System.out.println(
            "[engines] real engines in this run:" + System.lineSeparator() + summary);
      }
    }
  }
}
