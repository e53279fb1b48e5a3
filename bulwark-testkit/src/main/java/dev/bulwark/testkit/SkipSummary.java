package dev.bulwark.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every test of a module's run that did not run, with the reason: disabled ones and those
 * aborted by an assumption ({@link Needed#require} outside CI, a missing control plane). Surefire
 * counts skips but does not say why, so a run that quietly tested less would look green; this
 * writes {@code target/skipped.txt} (one {@code test<TAB>reason} line each, empty when nothing was
 * skipped) and prints a summary when the module's tests end. Registered for every module that
 * depends on the testkit through {@code META-INF/services}; {@code tools/run-tests.sh} prints the
 * union of the files at the end of the build.
 */
public final class SkipSummary implements TestExecutionListener {

  /** The file's name inside the module's build directory. */
  public static final String FILE = "skipped.txt";

  /** One test that did not run, and why. */
  public record Skip(String test, String reason) {}

  private final Path file;
  private final PrintStream out;
  private final List<Skip> skips = new ArrayList<>();
  private TestPlan plan;

  /** The listener JUnit finds: writes into {@code target/} of the module under test. */
  public SkipSummary() {
    this(Path.of(System.getProperty("basedir", "."), "target", FILE), System.out);
  }

  /** A listener writing {@code file} and printing to {@code out}. */
  public SkipSummary(Path file, PrintStream out) {
    this.file = file;
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    skips.clear();
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    skips.add(new Skip(name(test), oneLine(reason)));
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason =
          result.getThrowable().map(Throwable::getMessage).orElse("aborted without a reason");
      skips.add(new Skip(name(test), oneLine(reason)));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    List<String> lines = skips.stream().map(s -> s.test() + "\t" + s.reason()).toList();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the skip summary " + file, e);
    }
    if (!skips.isEmpty()) {
      out.println("[skipped] " + skips.size() + " test(s) did not run (" + file + "):");
      skips.forEach(s -> out.println("[skipped]   " + s.test() + ": " + s.reason()));
    }
  }

  /** What was skipped so far, in order. */
  public List<Skip> skips() {
    return List.copyOf(skips);
  }

  /** The test below its classes, as "ClassName > method()", so the line says where to look. */
  private String name(TestIdentifier test) {
    List<String> parts = new ArrayList<>();
    TestIdentifier current = test;
    while (current != null) {
      Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(current);
      if (parent.isEmpty() && !parts.isEmpty()) {
        break; // the engine, the same for every line
      }
      parts.add(0, current.getDisplayName());
      current = parent.orElse(null);
    }
    return String.join(" > ", parts);
  }

  private static String oneLine(String text) {
    return text == null ? "no reason given" : text.replaceAll("\\s+", " ").strip();
  }
}
