package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Gate;
import dev.bulwark.gate.GateInputs;
import dev.bulwark.gate.GatePolicy;
import dev.bulwark.gate.Reason;
import dev.bulwark.gate.Severity;
import dev.bulwark.gate.read.SarifReader;
import dev.bulwark.platform.stack.ScriptRun;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.testkit.Needed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAST stage's SpotBugs step, exactly as the rendered {@code bulwark-sast} Task carries it (its
 * script and environment), run with the real SpotBugs and FindSecBugs that the module's pom fetches
 * from Maven Central, on {@code examples/scanned-jvm-app} compiled as the test stage would leave it
 * in the checkout; the gate then decides on the SARIF the step wrote.
 */
class SpotBugsStageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = "example/tokens/SessionTokens.java";

  @TempDir Path dir;

  @Test
  void theRenderedStepRunsThePackagedScriptInTheCatalogueImageAndTheGateReadsItsReport() {
    Map<String, Object> task = spec(object(render(full()), "Task", ScanTasks.SAST));
    Map<String, Object> step = spotbugsStep(task);
    assertThat(step.get("script")).isEqualTo(Scripts.load(ScanTasks.class, "sast-spotbugs.sh"));
    assertThat(env(step))
        .containsEntry("FINDSECBUGS", ScanTasks.FINDSECBUGS_JAR)
        .containsEntry("SOURCE_DIR", "$(workspaces.source.path)")
        .containsEntry("REPORT", "$(workspaces.reports.path)/" + ScanTasks.SPOTBUGS_SARIF);
    assertThat(ScanTasks.gateArgs("a", "e", "d", "/r")).contains("/r/" + ScanTasks.SPOTBUGS_SARIF);
  }

  @Test
  void aPredictableTokenBlocksTheReleaseAndTheSecureRandomOnePasses() throws Exception {
    Path vulnerable = report(checkout(dir, "vulnerable", "target/classes"), "vulnerable");
    Decision blocked = decide(vulnerable, Severity.HIGH);
    assertThat(blocked.passed()).isFalse();
    List<Finding> blocking =
        blocked.reasons(Reason.Verdict.BLOCKS).stream().flatMap(r -> r.finding().stream()).toList();
    assertThat(blocking)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("PREDICTABLE_RANDOM");
              assertThat(f.kind()).isEqualTo(Finding.Kind.CODE);
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.location()).startsWith(SAMPLE + ":");
            });
    assertThat(blocked.reasons(Reason.Verdict.BLOCKS).get(0).message())
        .contains("PREDICTABLE_RANDOM");
    // the same finding under an environment that fails on critical only
    assertThat(decide(vulnerable, Severity.CRITICAL).passed()).isTrue();

    Path fixed = report(checkout(dir, "fixed", "target/classes"), "fixed");
    assertThat(SarifReader.read(fixed)).isEmpty();
    assertThat(decide(fixed, Severity.HIGH).passed()).isTrue();
  }

  @Test
  void gradleClassesAreAnalysedAndTestClassesAreNot() throws Exception {
    // a module of a multi-module build, in a folder whose name has a space
    Path gradle = report(checkout(dir, "vulnerable", "web app/build/classes/java/main"), "gradle");
    assertThat(ids(gradle)).containsExactly("PREDICTABLE_RANDOM");

    // the same class, compiled as a test of the application, is not the application
    Path tests = report(checkout(dir, "vulnerable", "target/test-classes"), "tests");
    assertThat(ids(tests)).isEmpty();
    assertThat(runProperty(tests)).contains("no compiled JVM classes");
  }

  @Test
  void aSourceWithoutJvmClassesGivesAnEmptyRunTheGatePasses() throws Exception {
    Path go = dir.resolve("source-go");
    Path original = SharedData.repoDir().resolve("examples/scanned-app/fixed");
    Files.createDirectories(go);
    try (var files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, go.resolve(file.getFileName()));
      }
    }
    Path report = report(go, "go");
    assertThat(JSON.readTree(report.toFile()).at("/runs/0/tool/driver/name").asText())
        .isEqualTo("SpotBugs");
    assertThat(SarifReader.read(report)).isEmpty();
    assertThat(decide(report, Severity.HIGH).passed()).isTrue();
  }

  // --- helpers

  /** The sample's variant compiled into {@code classes} of a copy, as the test stage leaves it. */
  static Path checkout(Path dir, String variant, String classes) throws Exception {
    Path source =
        SharedData.repoDir().resolve("examples/scanned-jvm-app").resolve(variant).resolve("src");
    Path copy = dir.resolve("source-" + variant + "-" + classes.replaceAll("[/ ]", "-"));
    Path out = Files.createDirectories(copy.resolve(classes));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int exit =
        javac.run(
            null,
            null,
            null,
            "-d",
            out.toString(),
            source.resolve("main/java").resolve(SAMPLE).toString());
    assertThat(exit).as("javac of %s", variant).isZero();
    return copy;
  }

  /** Runs the step's script with the rendered environment, pointed at this machine's paths. */
  private Path report(Path checkout, String name) {
    Path home = Path.of(System.getProperty("bulwark.spotbugs.home", "target/spotbugs/none"));
    Path plugin = Path.of(System.getProperty("bulwark.findsecbugs.jar", "target/spotbugs/none"));
    Needed.require(
        Files.isExecutable(home.resolve("bin/spotbugs")) && Files.isRegularFile(plugin),
        "SpotBugs' distribution and the FindSecBugs plugin, which bulwark-platform's pom unpacks"
            + " into target/spotbugs: run the tests with Maven (./mvnw verify -pl bulwark-platform)");
    Map<String, String> rendered =
        env(spotbugsStep(spec(object(render(full()), "Task", ScanTasks.SAST))));
    Path report = dir.resolve(name + ".spotbugs.sarif");
    ScriptRun run = new ScriptRun(ScanTasks.class, "sast-spotbugs.sh", dir.resolve("run-" + name));
    rendered.forEach(run::env);
    ScriptRun.Result result =
        run.env("SOURCE_DIR", checkout.toString())
            .env("REPORT", report.toString())
            .env("FINDSECBUGS", plugin.toString())
            .env("HOME", dir.resolve("home").toString())
            .env("TMPDIR", run.tmp().toString())
            .env(
                "PATH",
                home.resolve("bin")
                    + ":"
                    + Path.of(System.getProperty("java.home"), "bin")
                    + ":/usr/local/bin:/usr/bin:/bin")
            .timeout(300)
            .run();
    assertThat(result.exitCode()).as("spotbugs: %s", result.stderr()).isZero();
    return report;
  }

  /** The gate on the SAST report alone; the image's reports are present and clean. */
  private static Decision decide(Path sarif, Severity failOn) throws Exception {
    GateInputs inputs =
        new GateInputs(
            "sha256:" + "ab".repeat(32),
            SarifReader.read(sarif),
            List.of(),
            true,
            true,
            false,
            List.of(),
            Optional.empty());
    GatePolicy policy =
        new GatePolicy(
            "shop/web",
            "dev",
            failOn,
            false,
            false,
            Set.of(),
            List.of(),
            LocalDate.of(2026, 12, 4));
    return Gate.decide(inputs, policy);
  }

  private static List<String> ids(Path sarif) throws Exception {
    return SarifReader.read(sarif).stream().map(Finding::id).toList();
  }

  private static String runProperty(Path sarif) throws Exception {
    return JSON.readTree(sarif.toFile()).at("/runs/0/properties").toString();
  }

  static Map<String, Object> spotbugsStep(Map<String, Object> task) {
    return list(task.get("steps")).stream()
        .filter(s -> "spotbugs".equals(s.get("name")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> env(Map<String, Object> step) {
    return list(step.get("env")).stream()
        .collect(
            Collectors.toMap(e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
  }
}
