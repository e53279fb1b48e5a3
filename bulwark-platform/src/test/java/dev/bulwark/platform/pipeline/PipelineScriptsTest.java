package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.stack.ScriptRun;
import dev.bulwark.platform.stack.Tools;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts the pipeline's Tasks carry, exactly as packaged, run with the real tools on the
 * sample application ({@code examples/sample-app}): git clones a pushed commit from a bare
 * repository, the test stage runs {@code go test ./...} with this machine's Go, and the build stage
 * builds the Dockerfile with Buildah and pushes it, here to an OCI layout instead of a registry
 * (the same {@code buildah push}, another transport).
 */
class PipelineScriptsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theCloneStageChecksOutThePushedCommitIntoACleanWorkspace() throws Exception {
    Path git = Tools.require("git", "apt-get install git");
    String commit = pushSampleApp(git);
    Path source = Files.createDirectories(dir.resolve("workspace"));
    Files.writeString(source.resolve("left-over-from-an-earlier-run"), "stale");

    ScriptRun.Result result = clone(commit, source).run();

    assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
    assertThat(Files.readString(dir.resolve("commit-result"))).isEqualTo(commit);
    assertThat(source.resolve("main.go")).exists();
    assertThat(source.resolve("Dockerfile")).exists();
    assertThat(source.resolve("left-over-from-an-earlier-run")).doesNotExist();
  }

  @Test
  void theCloneStageFailsOnACommitTheRepositoryDoesNotHave() throws Exception {
    Path git = Tools.require("git", "apt-get install git");
    pushSampleApp(git);
    Path source = Files.createDirectories(dir.resolve("workspace"));

    ScriptRun.Result result = clone("0123456789abcdef0123456789abcdef01234567", source).run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(dir.resolve("commit-result")).doesNotExist();
  }

  @Test
  void theTestStageRunsTheTestCommandAndFailsWithIt() throws Exception {
    Path git = Tools.require("git", "apt-get install git");
    Path go = Tools.require("go", "a Go toolchain from https://go.dev/dl");
    Path source = cloned(git);

    ScriptRun.Result passed = test(go, source, "go test ./...").run();
    assertThat(passed.exitCode()).as("stderr: %s", passed.stderr()).isZero();
    assertThat(passed.stdout()).contains("ok  \texample.com/sample-app");

    Files.writeString(
        source.resolve("broken_test.go"),
        "package main\n\nimport \"testing\"\n\nfunc TestBroken(t *testing.T) { t.Fatal(\"broken\") }\n");
    ScriptRun.Result failed = test(go, source, "go test ./...").run();
    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.stdout()).contains("FAIL");
  }

  @Test
  void theBuildStagePushesTheSampleAppAndHandsOnItsDigest() throws Exception {
    Path git = Tools.require("git", "apt-get install git");
    Path go = Tools.require("go", "a Go toolchain from https://go.dev/dl");
    Path buildah = Tools.require("buildah", "apt-get install buildah");
    Path source = cloned(git);
    Path storage = storageConf();
    String info = run(List.of(buildah.toString(), "info"), storage);
    Needed.require(
        info.startsWith("0\n"),
        "buildah cannot run here, so the build stage is not run: `buildah info` said " + info);
    // No registry is reachable here: the Dockerfile's Go base image is made from this machine's Go
    // toolchain, under the name the Dockerfile pulls (buildah bud pulls only what is missing).
    String base = baseImage(source.resolve("Dockerfile"));
    Path goRoot = go.toRealPath().getParent().getParent();
    String made =
        run(
            List.of(
                "sh",
                "-c",
                "set -e; c=$(buildah from scratch); m=$(buildah mount \"$c\");"
                    + " mkdir -p \"$m/usr/local\" \"$m/tmp\"; chmod 1777 \"$m/tmp\";"
                    + " cp -a \"$GOROOT_DIR\" \"$m/usr/local/go\";"
                    + " buildah config --env PATH=/usr/local/go/bin:/usr/bin:/bin"
                    + " --env GOCACHE=/tmp/go-cache --env GOPATH=/tmp/go \"$c\";"
                    + " buildah commit -q \"$c\" \"$BASE\" >/dev/null"),
            storage,
            "GOROOT_DIR",
            goRoot.toString(),
            "BASE",
            base);
    assertThat(made).as("making the local Go base image").startsWith("0\n");

    Path layout = dir.resolve("layout");
    ScriptRun build =
        new ScriptRun(PipelineTasks.class, "build-push.sh", dir.resolve("build"))
            .env("SOURCE_DIR", source.toString())
            .env("CONTEXT", ".")
            .env("DOCKERFILE", "Dockerfile")
            .env("IMAGE", "harbor.example.com/shop/sample-app:v1")
            .env("DESTINATION", "oci:" + layout + ":sample-app")
            .env("DIGEST_RESULT", dir.resolve("digest").toString())
            .env("IMAGE_RESULT", dir.resolve("image").toString())
            .env("CONTAINERS_STORAGE_CONF", storage.toString())
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .timeout(600);
    ScriptRun.Result result = build.run();

    assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
    String digest = Files.readString(dir.resolve("digest"));
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(Files.readString(dir.resolve("image")))
        .isEqualTo("harbor.example.com/shop/sample-app@" + digest);
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertThat(index.at("/manifests/0/digest").asText())
        .as("the pushed manifest")
        .isEqualTo(digest);
    JsonNode manifest = blob(layout, digest);
    JsonNode config = blob(layout, manifest.at("/config/digest").asText()).path("config");
    assertThat(config.path("User").asText()).isEqualTo("65532:65532");
    assertThat(config.path("Entrypoint").get(0).asText()).isEqualTo("/sample-app");
    assertThat(manifest.path("layers")).as("FROM scratch: the binary's layer only").hasSize(1);
  }

  // --- helpers

  private ScriptRun clone(String revision, Path source) {
    return new ScriptRun(PipelineTasks.class, "git-clone.sh", dir.resolve("clone"))
        .env("REPO_URL", "file://" + dir.resolve("remote.git"))
        .env("REVISION", revision)
        .env("SOURCE_DIR", source.toString())
        .env("COMMIT_RESULT", dir.resolve("commit-result").toString());
  }

  private ScriptRun test(Path go, Path source, String command) throws IOException {
    return new ScriptRun(
            PipelineTasks.class, "run-tests.sh", dir.resolve("test-" + System.nanoTime()))
        .env("SOURCE_DIR", source.toString())
        .env("CONTEXT", ".")
        .env("TEST_COMMAND", command)
        // The machine's own home, so that Go's build cache is warm.
        .env("HOME", System.getProperty("user.home"))
        .timeout(600)
        .env("PATH", go.toRealPath().getParent() + ":/usr/local/bin:/usr/bin:/bin");
  }

  /** The sample application's tree of this checkout, committed and pushed to a bare repository. */
  private String pushSampleApp(Path git) throws Exception {
    Path work = dir.resolve("sample-app");
    Path sample = SharedData.repoDir().resolve("examples/sample-app");
    Files.createDirectories(work);
    try (Stream<Path> files = Files.list(sample)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, work.resolve(file.getFileName()));
      }
    }
    String g = git.toString();
    String bare = dir.resolve("remote.git").toString();
    expectSuccess(List.of(g, "init", "-q", "--bare", bare), dir);
    expectSuccess(List.of(g, "init", "-q", "-b", "main"), work);
    expectSuccess(List.of(g, "add", "."), work);
    expectSuccess(
        List.of(
            g, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "x"),
        work);
    expectSuccess(List.of(g, "push", "-q", bare, "main"), work);
    return run(List.of(g, "rev-parse", "HEAD"), null, "GIT_DIR", work.resolve(".git").toString())
        .lines()
        .skip(1)
        .findFirst()
        .orElseThrow();
  }

  private Path cloned(Path git) throws Exception {
    String commit = pushSampleApp(git);
    Path source = Files.createDirectories(dir.resolve("workspace"));
    ScriptRun.Result result = clone(commit, source).run();
    assertThat(result.exitCode()).as("clone: %s", result.stderr()).isZero();
    return source;
  }

  /** A containers-storage configuration under the test's directory, not the machine's. */
  private Path storageConf() throws IOException {
    Path conf = dir.resolve("storage.conf");
    Files.writeString(
        conf,
        "[storage]\ndriver = \"vfs\"\ngraphroot = \""
            + dir.resolve("storage")
            + "\"\nrunroot = \""
            + dir.resolve("run")
            + "\"\n");
    return conf;
  }

  /** The image of the Dockerfile's first stage. */
  private static String baseImage(Path dockerfile) throws IOException {
    return Files.readAllLines(dockerfile).stream()
        .filter(line -> line.startsWith("FROM "))
        .findFirst()
        .orElseThrow()
        .split("\\s+")[1];
  }

  private static JsonNode blob(Path layout, String digest) throws IOException {
    return JSON.readTree(layout.resolve("blobs/sha256").resolve(digest.substring(7)).toFile());
  }

  private static void expectSuccess(List<String> command, Path cwd) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
  }

  /** Runs a command; its exit code, a newline, then its output. */
  private static String run(List<String> command, Path storageConf, String... env)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (storageConf != null) {
      builder.environment().put("CONTAINERS_STORAGE_CONF", storageConf.toString());
    }
    for (int i = 0; i < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return process.exitValue() + "\n" + output;
  }
}
