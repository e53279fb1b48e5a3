package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The skip summary names every test that did not run, with its reason, and only those. */
class SkipSummaryTest {

  @Test
  void listsDisabledAndAbortedTestsWithTheirReasons(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("target").resolve(SkipSummary.FILE);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SkipSummary summary =
        new SkipSummary(file, new PrintStream(printed, true, StandardCharsets.UTF_8));

    run(summary, Samples.class);

    assertThat(Files.readAllLines(file))
        .containsExactlyInAnyOrder(
            "SkipSummaryTest$Samples > disabled()\tno such tool here",
            "SkipSummaryTest$Samples > aborted()\tskipped: ../shared is absent");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("[skipped] 2 test(s) did not run")
        .contains("SkipSummaryTest$Samples > aborted(): skipped: ../shared")
        .doesNotContain("runs()");
  }

  @Test
  void aRunWithoutSkipsLeavesAnEmptyFileAndPrintsNothing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(SkipSummary.FILE);
    Files.writeString(file, "Stale > fromAnEarlierRun()\treason\n");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    run(new SkipSummary(file, new PrintStream(printed, true, StandardCharsets.UTF_8)), Ran.class);

    assertThat(Files.readAllLines(file)).isEmpty();
    assertThat(printed.size()).isZero();
  }

  /**
   * Runs {@code tests} with only {@code summary} listening: no registered listener (neither the
   * module's own summary nor the build tool's report) sees these samples.
   */
  private static void run(SkipSummary summary, Class<?> tests) {
    LauncherConfig alone =
        LauncherConfig.builder()
            .enableTestExecutionListenerAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .build();
    LauncherFactory.create(alone)
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(),
            summary);
  }

  /** Not run by surefire (a nested class); run above through the launcher. */
  static class Samples {
    @Test
    void runs() {
      assertThat(1 + 1).isEqualTo(2);
    }

    @Test
    @Disabled("no such tool\there")
    void disabled() {}

    @Test
    void aborted() {
      Assumptions.abort("skipped: ../shared is absent");
    }
  }

  /** Nothing skipped here. */
  static class Ran {
    @Test
    void runs() {
      assertThat("a").isNotEmpty();
    }
  }
}
