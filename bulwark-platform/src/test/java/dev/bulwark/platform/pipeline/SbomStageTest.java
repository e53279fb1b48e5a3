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
import dev.bulwark.testkit.engines.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sbom stage's source step, with the arguments exactly as the rendered {@code bulwark-sbom}
 * Task gives them to the real syft, on both variants of {@code examples/scanned-app}: a CycloneDX
 * JSON SBOM that lists the pinned {@code golang.org/x/text} at the version each variant pins.
 */
class SbomStageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void syftListsThePinnedDependencyOfEachVariant() throws Exception {
    Path syft = Engine.SYFT.require();
    assertThat(textPurls(sbom(syft, "vulnerable"))).contains("pkg:golang/golang.org/x/text@v0.3.7");
    assertThat(textPurls(sbom(syft, "fixed"))).contains("pkg:golang/golang.org/x/text@v0.3.8");
  }

  @SuppressWarnings("unchecked")
  private JsonNode sbom(Path syft, String variant) throws Exception {
    Path source = SharedData.repoDir().resolve("examples/scanned-app").resolve(variant);
    Path reports = Files.createDirectories(dir.resolve(variant));
    Map<String, Object> step =
        list(spec(object(render(full()), "Task", ScanTasks.SBOM)).get("steps")).get(0);
    List<String> command = new ArrayList<>(List.of(syft.toString()));
    for (String arg : (List<String>) step.get("args")) {
      command.add(
          arg.replace("$(workspaces.source.path)", source.toString())
              .replace("$(workspaces.reports.path)", reports.toString()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (Map<String, Object> env : list(step.get("env"))) {
      builder.environment().put((String) env.get("name"), (String) env.get("value"));
    }
    Path home = Files.createDirectories(dir.resolve("home"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("TMPDIR", home.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("syft finished").isTrue();
    assertThat(process.exitValue()).as("syft: %s", output).isZero();
    return JSON.readTree(reports.resolve(ScanTasks.SOURCE_SBOM).toFile());
  }

  private static List<String> textPurls(JsonNode sbom) {
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    List<String> purls = new ArrayList<>();
    sbom.path("components")
        .forEach(
            c -> {
              String purl = c.path("purl").asText();
              if (purl.startsWith("pkg:golang/golang.org/x/text@")) {
                purls.add(purl);
              }
            });
    return purls;
  }
}
