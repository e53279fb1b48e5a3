package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.UpstreamKustomization;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every directory of a rendered tree, and the tree as a whole, builds with kubectl's kustomize. */
class KustomizeBuildTest {

  @TempDir Path tmp;

  @Test
  void everyEmittedDirectoryBuilds() throws Exception {
    Optional<Path> kubectl = kubectl();
    Needed.require(
        kubectl.isPresent(),
        "kubectl not found (tools/build-k8s-binaries.sh builds one): the kustomize build check needs it");
    Path out = tmp.resolve("acme");
    assertThat(
            Cli.run("plan", PlanGoldenTest.EXAMPLE.toString(), "--out", out.toString()).exitCode())
        .isZero();
    List<Path> directories;
    try (Stream<Path> files = Files.walk(out)) {
      directories =
          files
              .filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
              .map(Path::getParent)
              .sorted()
              .toList();
    }
    assertThat(directories).hasSizeGreaterThan(5);
    int objectsInRoot = -1;
    for (Path dir : directories) {
      if (out.relativize(dir).startsWith(UpstreamKustomization.DIRECTORY)) {
        // Lists only pinned remote release manifests (ADR 0007): building it would need the
        // network.
        assertThat(Files.readString(dir.resolve("kustomization.yaml")))
            .containsPattern("(?m)^- https://\\S+\\.yaml$");
        continue;
      }
      Process process =
          new ProcessBuilder(kubectl.get().toString(), "kustomize", dir.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", dir, output).isZero();
      assertThat(output).contains("kind:");
      if (dir.equals(out)) {
        objectsInRoot = (int) output.lines().filter(l -> l.startsWith("kind: ")).count();
      }
    }
    long files;
    try (Stream<Path> all = Files.walk(out)) {
      files =
          all.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml"))
              .filter(p -> !out.relativize(p).startsWith("bootstrap"))
              .filter(p -> !out.relativize(p).startsWith(UpstreamKustomization.DIRECTORY))
              .count();
    }
    assertThat(objectsInRoot)
        .as("the root kustomization builds every object outside bootstrap/")
        .isEqualTo((int) files);
  }

  /** The kubectl built with the test control plane if present (newest), else the one on PATH. */
  static Optional<Path> kubectl() throws IOException {
    Path built = Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s");
    if (Files.isDirectory(built)) {
      try (Stream<Path> versions = Files.list(built)) {
        Optional<Path> found =
            versions
                .map(v -> v.resolve("kubectl"))
                .filter(Files::isExecutable)
                .max(Path::compareTo);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(d -> Path.of(d, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
