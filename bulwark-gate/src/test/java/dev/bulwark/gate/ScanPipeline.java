package dev.bulwark.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.OciRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The scanner stages of ADR 0039 with the real tools, on this machine: a variant of {@code
 * examples/scanned-app} built into an OCI image (Go, and {@code tools/images/ocibuild}) and pushed
 * to crane's registry on 127.0.0.1, syft's SBOMs of {@code registry:<image>@<digest>} as the {@code
 * bulwark-sbom} Task takes them, an offline Grype database written by {@code grype-db-fixture} from
 * advisory facts and imported with {@code grype db import}, and Grype's JSON report on syft's SBOM
 * with the arguments and environment of the {@code bulwark-scan} Task. Nothing is fetched but the
 * Go modules the sample pins.
 */
final class ScanPipeline {

  /** One pushed image: {@code host/repo@digest}, and the digest the gate checks reports name. */
  record Image(String variant, String reference, String digest) {}

  /** What syft and Grype wrote about one image. */
  record Scan(Image image, Path sbom, Path vulnerabilities) {}

  /** One process run: its exit code and everything it printed. */
  record Run(int exitCode, String output) {}

  private final Path work;
  private final OciRegistry registry;
  private final Path go;

  ScanPipeline(Path work, OciRegistry registry) {
    this.work = work;
    this.registry = registry;
    this.go = goTool();
  }

  /** Builds {@code examples/scanned-app/<variant>} into an OCI image and pushes it. */
  Image image(String variant) throws IOException {
    Path out = Files.createDirectories(work.resolve("images").resolve(variant));
    Path repo = SharedData.repoDir();
    Run built =
        go(
            repo.resolve("examples/scanned-app").resolve(variant),
            "build",
            "-trimpath",
            "-ldflags",
            "-s -w",
            "-o",
            out.resolve("scanned-app").toString(),
            ".");
    assertThat(built.exitCode()).as("go build of the %s sample: %s", variant, built).isZero();
    Path ocibuild = work.resolve("ocibuild");
    if (!Files.isExecutable(ocibuild)) {
      Run tool = go(repo.resolve("tools/images"), "build", "-o", ocibuild.toString(), "./ocibuild");
      assertThat(tool.exitCode()).as("go build of ocibuild: %s", tool).isZero();
    }
    Path archive = out.resolve("image.tar");
    Run packed =
        run(
            List.of(
                ocibuild.toString(),
                "-name",
                "bulwark.local/scanned-app:" + variant,
                "-out",
                archive.toString(),
                "-entrypoint",
                "/scanned-app",
                "-add",
                out.resolve("scanned-app") + "=/scanned-app",
                "-user",
                "65532:65532"),
            work,
            Map.of());
    assertThat(packed.exitCode()).as("ocibuild: %s", packed).isZero();
    String packedRef = packed.output().strip();
    String digest = packedRef.substring(packedRef.indexOf('@') + 1);
    // crane pushes an OCI layout directory as it is, so the digest stays ocibuild's
    Path layout = Files.createDirectories(out.resolve("layout"));
    Run extracted =
        run(List.of("tar", "-xf", archive.toString(), "-C", layout.toString()), out, Map.of());
    assertThat(extracted.exitCode()).as("tar: %s", extracted).isZero();
    String repository = registry.host + "/scanned-app";
    Run pushed =
        run(
            List.of(
                Engine.CRANE.require().toString(),
                "push",
                layout.toString(),
                repository + ":" + variant),
            out,
            Map.of("HOME", out.toString()));
    assertThat(pushed.exitCode()).as("crane push: %s", pushed).isZero();
    return new Image(variant, repository + "@" + digest, digest);
  }

  /**
   * Writes the offline database from the advisories with {@code grype-db-fixture} (built at {@code
   * built}, RFC 3339, or now when empty) and returns the path of Grype's archive.
   */
  Path database(String name, Path advisories, String built) throws IOException {
    Path out = work.resolve("db-build").resolve(name);
    List<String> command =
        new ArrayList<>(
            List.of(
                Engine.GRYPE_DB_FIXTURE.require().toString(),
                "-advisories",
                advisories.toString(),
                "-out",
                out.toString()));
    if (!built.isEmpty()) {
      command.addAll(List.of("-built", built));
    }
    Run written = run(command, work, Map.of());
    assertThat(written.exitCode()).as("grype-db-fixture: %s", written).isZero();
    Path archive = Path.of(written.output().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(archive.getFileName().toString()).startsWith("vulnerability-db_v6.");
    return archive;
  }

  /** {@code grype db import} of the archive into the cache directory {@code cache}. */
  Run importDatabase(Path archive, Path cache) {
    return grype(cache, "db", "import", archive.toString());
  }

  /** syft's SBOMs of the image, then Grype on syft's own JSON SBOM with the database in cache. */
  Scan scan(Image image, Path cache) throws IOException {
    Path reports = Files.createDirectories(work.resolve("reports").resolve(image.variant()));
    Path syftJson = reports.resolve("image.syft.json");
    Path sbom = reports.resolve("image.cdx.json");
    Run syft =
        run(
            List.of(
                Engine.SYFT.require().toString(),
                "scan",
                "registry:" + image.reference(),
                "-o",
                // syft 1.57 writes CycloneDX 1.7 unless told, which the gate's reader refuses
                // (1.5 and 1.6 only); the rendered bulwark-sbom Task does not ask for 1.6 yet
                "cyclonedx-json@1.6=" + sbom,
                "-o",
                "syft-json=" + syftJson),
            work,
            toolEnv(cache));
    assertThat(syft.exitCode()).as("syft: %s", syft).isZero();
    Path vulnerabilities = reports.resolve("vulnerabilities.json");
    Run grype =
        grype(cache, "sbom:" + syftJson, "-o", "json", "--file", vulnerabilities.toString());
    assertThat(grype.exitCode()).as("grype: %s", grype).isZero();
    return new Scan(image, sbom, vulnerabilities);
  }

  /** Grype with the scan stage's environment: no update, no version check, the given cache. */
  Run grype(Path cache, String... args) {
    List<String> command = new ArrayList<>(List.of(Engine.GRYPE.require().toString()));
    command.addAll(List.of(args));
    return run(command, work, toolEnv(cache));
  }

  private Map<String, String> toolEnv(Path cache) {
    Path home = work.resolve("home");
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "HOME", home.toString(),
        "TMPDIR", home.toString(),
        "XDG_CONFIG_HOME", home.toString(),
        "XDG_CACHE_HOME", home.toString(),
        "SYFT_CHECK_FOR_APP_UPDATE", "false",
        // the test registry serves plain HTTP on 127.0.0.1; the platform's registries use TLS
        "SYFT_REGISTRY_INSECURE_USE_HTTP", "true",
        "GRYPE_CHECK_FOR_APP_UPDATE", "false",
        "GRYPE_DB_AUTO_UPDATE", "false",
        "GRYPE_DB_CACHE_DIR", cache.toString());
  }

  private Run go(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(go.toString()));
    command.addAll(List.of(args));
    return run(
        command, dir, Map.of("CGO_ENABLED", "0", "GOFLAGS", "-mod=readonly -buildvcs=false"));
  }

  static Run run(List<String> command, Path dir, Map<String, String> env) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("did not finish within 10 minutes: " + command);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** The Go toolchain that builds the sample (on PATH, or Go's default install location). */
  private static Path goTool() {
    Optional<Path> found =
        Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(d -> !d.isEmpty())
                    .map(d -> Path.of(d, "go")),
                Stream.of(Path.of("/usr/local/go/bin/go")))
            .filter(Files::isExecutable)
            .findFirst();
    Needed.require(
        found.isPresent(),
        "no Go toolchain (go on PATH or /usr/local/go/bin/go) to build examples/scanned-app;"
            + " install Go >= 1.26 from https://go.dev/dl");
    return found.orElseThrow();
  }
}
