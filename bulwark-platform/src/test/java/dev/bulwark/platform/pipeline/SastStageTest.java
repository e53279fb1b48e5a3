package dev.bulwark.platform.pipeline;

import static dev.bulwark.platform.pipeline.PipelineUnitTest.full;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.list;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.object;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.render;
import static dev.bulwark.platform.pipeline.PipelineUnitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.stack.ScriptRun;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.testkit.engines.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAST stage's scripts, exactly as the rendered {@code bulwark-sast} Task carries them, run
 * with the real Semgrep (the platform's rule set, as its ConfigMap serves it) and the real gitleaks
 * on both variants of {@code examples/scanned-app}: the vulnerable one gives the command-injection
 * finding and the planted fake token (redacted in the report), the fixed one gives neither.
 */
class SastStageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theRenderedTaskCarriesThePackagedScripts() {
    List<Map<String, Object>> steps =
        list(spec(object(render(full()), "Task", ScanTasks.SAST)).get("steps"));
    assertThat(steps.get(0).get("script"))
        .isEqualTo(Scripts.load(ScanTasks.class, "sast-semgrep.sh"));
    assertThat(steps.get(1).get("script"))
        .isEqualTo(Scripts.load(ScanTasks.class, "sast-gitleaks.sh"));
  }

  @Test
  void semgrepFindsTheCommandInjectionOfTheVulnerableVariantOnly() throws Exception {
    Path semgrep = Engine.SEMGREP.require();
    JsonNode vulnerable = semgrep(semgrep, "vulnerable");
    assertThat(ruleIds(vulnerable))
        .singleElement()
        .satisfies(id -> assertThat(id).endsWith("bulwark.go.command-injection"));
    assertThat(
            vulnerable
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("main.go");
    assertThat(ruleIds(semgrep(semgrep, "fixed"))).isEmpty();
  }

  @Test
  void gitleaksFindsThePlantedFakeTokenAndKeepsItOutOfTheReport() throws Exception {
    Path gitleaks = Engine.GITLEAKS.require();
    Path vulnerableSource = variant("vulnerable");
    String token =
        Files.readString(vulnerableSource.resolve("main.go"))
            .replaceAll("(?s).*const deployToken = \"([^\"]+)\".*", "$1");
    assertThat(token).startsWith("ghp_");

    Path report = gitleaks(gitleaks, vulnerableSource, "vulnerable");
    assertThat(ruleIds(JSON.readTree(report.toFile()))).containsExactly("github-pat");
    assertThat(Files.readString(report)).doesNotContain(token.substring(4));

    Path fixed = gitleaks(gitleaks, variant("fixed"), "fixed");
    assertThat(ruleIds(JSON.readTree(fixed.toFile()))).isEmpty();
  }

  // --- helpers

  private JsonNode semgrep(Path semgrep, String variant) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules-" + variant));
    Files.writeString(rules.resolve("bulwark.yaml"), ScanTasks.RULE_SET);
    Path report = dir.resolve(variant + ".semgrep.sarif");
    ScriptRun.Result result =
        new ScriptRun(ScanTasks.class, "sast-semgrep.sh", dir.resolve("semgrep-" + variant))
            .env("SOURCE_DIR", variant(variant).toString())
            .env("RULES_DIR", rules.toString())
            .env("REPORT", report.toString())
            .env("HOME", dir.resolve("home").toString())
            .env("PATH", semgrep.getParent() + ":/usr/local/bin:/usr/bin:/bin")
            .timeout(600)
            .run();
    assertThat(result.exitCode()).as("semgrep: %s", result.stderr()).isZero();
    return JSON.readTree(report.toFile());
  }

  private Path gitleaks(Path gitleaks, Path source, String variant) {
    Path report = dir.resolve(variant + ".gitleaks.sarif");
    ScriptRun.Result result =
        new ScriptRun(ScanTasks.class, "sast-gitleaks.sh", dir.resolve("gitleaks-" + variant))
            .env("SOURCE_DIR", source.toString())
            .env("REPORT", report.toString())
            .env("HOME", dir.resolve("home").toString())
            .env("PATH", gitleaks.getParent() + ":/usr/local/bin:/usr/bin:/bin")
            .timeout(300)
            .run();
    assertThat(result.exitCode()).as("gitleaks: %s", result.stderr()).isZero();
    return report;
  }

  /** A copy of the variant, as the clone stage leaves the checkout. */
  private Path variant(String name) throws IOException {
    Path copy = dir.resolve("source-" + name);
    if (Files.exists(copy)) {
      return copy;
    }
    Path original = SharedData.repoDir().resolve("examples/scanned-app").resolve(name);
    Files.createDirectories(copy);
    try (var files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  private static List<String> ruleIds(JsonNode sarif) {
    List<String> ids = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(r -> ids.add(r.path("ruleId").asText()));
    return ids;
  }
}
