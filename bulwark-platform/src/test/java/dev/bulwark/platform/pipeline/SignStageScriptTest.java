package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.stack.ScriptRun;
import dev.bulwark.policy.signature.CosignVerifier;
import dev.bulwark.policy.signature.ImageReference;
import dev.bulwark.policy.signature.RegistryClient;
import dev.bulwark.policy.signature.SigningKeys;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign stage's script, run with the real cosign against a real registry on 127.0.0.1: what it
 * signs and attests is what admission accepts (ADR 0040), and its key's password never reaches its
 * output.
 */
class SignStageScriptTest {

  @TempDir Path dir;
  private OciRegistry registry;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void theSignStageSignsAndAttestsWhatAdmissionThenAccepts() throws Exception {
    Path cosign = Engine.COSIGN.require();
    registry = OciRegistry.start(Files.createDirectories(dir.resolve("registry")));
    String image = registry.push("v1", "the application");
    Path pair = registry.keyPair("platform");
    Path keyDir = Files.createDirectories(dir.resolve("signing-key"));
    Files.copy(pair.resolve("cosign.key"), keyDir.resolve("cosign.key"));
    Files.writeString(keyDir.resolve("cosign.password"), OciRegistry.PASSWORD);
    Path reports = Files.createDirectories(dir.resolve("reports"));
    String digest = ImageReference.parse(image).digest();
    Files.writeString(
        reports.resolve(ScanTasks.GATE_DECISION),
        "{\"decision\": \"pass\", \"imageDigest\": \"" + digest + "\"}");
    Files.writeString(
        reports.resolve(ScanTasks.IMAGE_SBOM),
        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1}");
    Path auth = Files.writeString(dir.resolve("dockerconfig.json"), "{\"auths\": {}}");

    ScriptRun.Result result = sign(image, reports, keyDir, auth, cosign).run();

    assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
    assertThat(result.stdout()).contains("attested cyclonedx", "signed " + image);
    assertThat(result.stdout() + result.stderr()).doesNotContain(OciRegistry.PASSWORD);
    Path accepted = Files.createDirectories(dir.resolve("accepted"));
    Files.copy(pair.resolve("cosign.pub"), accepted.resolve("platform.pub"));
    assertThat(
            new CosignVerifier(new RegistryClient(Duration.ofSeconds(5)))
                .verify(ImageReference.parse(image), SigningKeys.fromDirectory(accepted), true)
                .accepted())
        .as("admission's gated check accepts what the stage signed and attested")
        .isTrue();
  }

  @Test
  void theSignStageRefusesAnImageNotPinnedByDigest() throws Exception {
    Path cosign = Engine.COSIGN.require();
    ScriptRun.Result result =
        sign("127.0.0.1:1/app:v1", dir, dir, dir.resolve("none"), cosign).run();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("pinned by digest", "127.0.0.1:1/app:v1");
  }

  private ScriptRun sign(String image, Path reports, Path keyDir, Path auth, Path cosign) {
    return new ScriptRun(PipelineTasks.class, "sign.sh", dir.resolve("run"))
        .env("IMAGE", image)
        .env("REPORTS_DIR", reports.toString())
        .env("SBOM", ScanTasks.IMAGE_SBOM)
        .env("DECISION", ScanTasks.GATE_DECISION)
        .env("DECISION_TYPE", PipelineTasks.GATE_PREDICATE_TYPE)
        .env("KEY_DIR", keyDir.toString())
        .env("REGISTRY_AUTH_FILE", auth.toString())
        .env("HOME", dir.resolve("run/tmp").toString())
        .env("PATH", cosign.getParent() + ":/usr/bin:/bin")
        .timeout(180);
  }
}
