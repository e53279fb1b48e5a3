package dev.bulwark.testkit.charts;

import dev.bulwark.testkit.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a chart mirror (the layout of ADR 0013) from a folder of upstream charts laid out as
 * {@code ../shared/charts} (CHARTS.tsv, {@code <chart>/<version>/}). JDK only, so that scripts can
 * run it as a single source file: {@code java
 * bulwark-testkit/src/main/java/dev/bulwark/testkit/charts/MirrorBuilder.java CHARTS HELM OUT}.
 */
public final class MirrorBuilder {

  private MirrorBuilder() {}

  /** {@code CHARTS-DIR HELM-BINARY OUT-DIR}. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: MirrorBuilder CHARTS-DIR HELM-BINARY OUT-DIR");
      System.exit(2);
    }
    System.out.println(build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])));
  }

  /** Writes the mirror of the charts in {@code shared} (rows of its CHARTS.tsv) to {@code out}. */
  public static Path build(Path shared, Path helm, Path out) {
    try {
      Files.createDirectories(out);
      List<String> sums = new ArrayList<>();
      List<String> rows = Files.readAllLines(shared.resolve("CHARTS.tsv"));
      for (String row : rows.subList(1, rows.size())) {
        String[] cols = row.split("\t");
        String component = cols[0];
        Path dir = shared.resolve(cols[1]).resolve(cols[4]);
        if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
          run(
              out,
              helm.toString(),
              "package",
              withGeneratedCrds(shared, cols[1], dir).toString(),
              "--destination",
              out.toString());
        } else if (Files.isDirectory(dir.resolve("kubernetes"))) {
          String relative = "git/" + component + "/" + cols[4] + ".tar.gz";
          Files.createDirectories(out.resolve(relative).getParent());
          // GitHub's tag archive layout: one top folder <repository>-<tag>/ holding the tree
          String top = cols[5].substring(cols[5].indexOf('/') + 1) + "-" + cols[4];
          run(
              out,
              "tar",
              "-czf",
              out.resolve(relative).toString(),
              "-C",
              dir.toString(),
              "--transform",
              "s,^\\.," + top + ",",
              ".");
          sums.add(sha256(out.resolve(relative)) + "  " + relative);
        } else if (Files.isDirectory(dir.resolve("config"))) {
          // Triggers releases config/interceptors/ apart, as interceptors.yaml beside release.yaml
          Path config = dir.resolve("config");
          Path interceptors = config.resolve("interceptors");
          boolean apart = Files.isDirectory(interceptors);
          String manifests = "manifests/" + component + "/" + cols[4] + "/";
          sums.add(
              manifest(
                  out,
                  manifests + "release.yaml",
                  koResolved(releaseManifest(config, apart ? 1 : 99), cols[4])));
          if (apart) {
            sums.add(
                manifest(
                    out,
                    manifests + "interceptors.yaml",
                    koResolved(releaseManifest(interceptors, 99), cols[4])));
          }
        }
      }
      run(out, helm.toString(), "repo", "index", out.toString());
      Files.write(out.resolve("SHA256SUMS"), sums);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the chart mirror in " + out, e);
    }
  }

  /**
   * The chart folder as its release packages it. external-secrets generates its CRDs into the chart
   * only when packaging (its git tree's templates/crds holds a README); the copy made here adds the
   * CRDs of the same tag from {@code ../shared/crds/external-secrets} (its crds/ folder, which
   * {@code helm template --include-crds} renders like the release's templates).
   */
  private static Path withGeneratedCrds(Path shared, String chart, Path dir) throws IOException {
    Path generated = shared.resolveSibling("crds").resolve(chart);
    if (!chart.equals("external-secrets") || !Files.isDirectory(generated)) {
      return dir;
    }
    Path copy = Folders.copy(dir, Files.createTempDirectory("bulwark-chart-").resolve(chart));
    Files.createDirectories(copy.resolve("crds"));
    try (Stream<Path> crds = Files.list(generated)) {
      for (Path crd : crds.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(crd, copy.resolve("crds").resolve(crd.getFileName()));
      }
    }
    return copy;
  }

  /** Writes a release manifest at {@code relative} below {@code out}; its SHA256SUMS line. */
  private static String manifest(Path out, String relative, String text) throws IOException {
    Files.createDirectories(out.resolve(relative).getParent());
    Files.writeString(out.resolve(relative), text);
    return sha256(out.resolve(relative)) + "  " + relative;
  }

  /**
   * The config folder's YAML documents down to {@code depth} in one stream, as {@code ko resolve -R
   * -f config/} (or without {@code -R}, depth 1) concatenates them.
   */
  private static String releaseManifest(Path config, int depth) throws IOException {
    StringBuilder manifest = new StringBuilder();
    try (Stream<Path> files = Files.walk(config, depth)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        manifest
            .append("---\n")
            .append(Files.readString(file, StandardCharsets.UTF_8))
            .append('\n');
      }
    }
    return manifest.toString();
  }

  /**
   * The manifest's {@code ko://} import paths as a release's {@code ko resolve
   * --preserve-import-paths} names the images it builds and pushes: {@code
   * gcr.io/tekton-releases/<import path>:<version>@sha256:<digest>}. No registry is reachable here,
   * so each digest is that of its own name: the shape of a release, not its bytes.
   */
  static String koResolved(String manifest, String version) {
    return Pattern.compile("ko://([a-z0-9./_-]+)")
        .matcher(manifest)
        .replaceAll(
            ko -> {
              String name = "gcr.io/tekton-releases/" + ko.group(1) + ":" + version;
              return name + "@sha256:" + hex(name.getBytes(StandardCharsets.UTF_8));
            });
  }

  private static String sha256(Path file) throws IOException {
    return hex(Files.readAllBytes(file));
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}
