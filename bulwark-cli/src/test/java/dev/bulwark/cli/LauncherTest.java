package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/dist/bin/bulwark}) as users run it: a distribution folder (bin/
 * and lib/ with this build's jars), started on the JDK running the tests. What it prints must be
 * the command's own output only (no JVM warnings), and the class-data archive it keeps (ADR 0045)
 * must never break or clutter a run, whatever state the archive or its folder is in.
 */
class LauncherTest {

  private static final Path DIST_BIN = Path.of("src", "dist", "bin");

  @TempDir static Path dist;
  @TempDir Path tmp;

  private static Path manifest;

  /** bin/ from the sources; lib/ from the test class path, folders of classes packed as jars. */
  @BeforeAll
  static void distribution() throws IOException {
    Path bin = Files.createDirectories(dist.resolve("bin"));
    try (Stream<Path> scripts = Files.list(DIST_BIN)) {
      for (Path script : scripts.toList()) {
        Path copy = Files.copy(script, bin.resolve(script.getFileName()));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Path lib = Files.createDirectories(dist.resolve("lib"));
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        packJar(path, lib.resolve("classes-" + n++ + ".jar"));
      } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        Files.createSymbolicLink(
            lib.resolve(n++ + "-" + path.getFileName()), path.toAbsolutePath());
      }
    }
    manifest = dist.resolve("configmap.yaml");
    Files.writeString(
        manifest,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}\n");
  }

  @Test
  void anAuditPrintsItsReportAndNothingElse() throws Exception {
    // the audit loads cel-java and protobuf, whose use of sun.misc.Unsafe made JDK 24+ warn
    Run run =
        launch(
            Map.of("BULWARK_CDS", "off", "BULWARK_POLICY_CACHE", "off"),
            "audit",
            manifest.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(AUDITED);
  }

  @Test
  void theFirstRunWritesAnArchiveAndLaterRunsUseIt() throws Exception {
    Map<String, String> env = Map.of("BULWARK_CACHE_DIR", tmp.toString());
    assertClean(launch(env, "audit", manifest.toString()));
    List<Path> archives = archives();
    assertThat(archives).hasSize(1);
    assertThat(archives.get(0).getFileName().toString()).endsWith("-audit.jsa");
    assertThat(Files.size(archives.get(0))).isGreaterThan(1 << 20);
    assertClean(launch(env, "audit", manifest.toString()));
    assertThat(archives()).isEqualTo(archives);
  }

  @Test
  void aCorruptOrTruncatedArchiveIsIgnoredQuietly() throws Exception {
    Map<String, String> env = Map.of("BULWARK_CACHE_DIR", tmp.toString());
    assertClean(launch(env, "audit", manifest.toString()));
    Path archive = archives().get(0);
    byte[] good = Files.readAllBytes(archive);
    byte[] flipped = good.clone();
    for (int i = good.length / 2; i < good.length / 2 + 4096; i++) {
      flipped[i] ^= (byte) 0x5a;
    }
    Files.write(archive, flipped);
    assertClean(launch(env, "audit", manifest.toString()));
    Files.write(archive, Arrays.copyOf(good, good.length / 3));
    assertClean(launch(env, "audit", manifest.toString()));
    Files.writeString(archive, "not an archive");
    assertClean(launch(env, "audit", manifest.toString()));
  }

  @Test
  void anUnwritableCacheLeavesNoTraceAndNoArchive() throws Exception {
    // a cache path below a plain file cannot be created, even by root
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertClean(launch(Map.of("BULWARK_CACHE_DIR", file.resolve("cache").toString()), "--version"));
    // a read-only folder (root may still write there: then an archive is fine, clutter is not)
    Path readOnly = Files.createDirectories(tmp.resolve("ro/class-data"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertClean(launch(Map.of("BULWARK_CACHE_DIR", tmp.resolve("ro").toString()), "--version"));
      try (Stream<Path> left = Files.list(readOnly)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .as("no temporary file left behind")
            .allMatch(name -> name.endsWith("-default.jsa"));
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void thePolicyCacheIsKeptWholeAndACorruptOneIsReplacedQuietly() throws Exception {
    Map<String, String> env = Map.of("BULWARK_CACHE_DIR", tmp.toString(), "BULWARK_CDS", "off");
    assertClean(launch(env, "audit", manifest.toString()));
    Path kept;
    try (Stream<Path> files = Files.list(tmp.resolve("policies"))) {
      List<Path> all = files.toList();
      assertThat(all).as("one file, no temporary ones").hasSize(1);
      kept = all.get(0);
    }
    assertThat(kept.getFileName().toString()).matches("checked-cel-[0-9a-f]{24}\\.bin");
    byte[] good = Files.readAllBytes(kept);
    assertClean(launch(env, "audit", manifest.toString()));
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= (byte) 0x5a;
    for (byte[] broken : List.of(flipped, Arrays.copyOf(good, good.length / 3))) {
      Files.write(kept, broken);
      assertClean(launch(env, "audit", manifest.toString()));
      assertThat(Files.readAllBytes(kept)).as("replaced by a whole file").isEqualTo(good);
    }
  }

  @Test
  void aRebuiltDistributionReplacesTheOldArchive() throws Exception {
    Map<String, String> env = Map.of("BULWARK_CACHE_DIR", tmp.toString());
    assertClean(launch(env, "--version"));
    List<Path> before = archives();
    assertThat(before).hasSize(1);
    // another build: a jar of the distribution changed
    Path jar;
    try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
      jar = jars.filter(p -> p.getFileName().toString().startsWith("classes-")).findFirst().get();
    }
    FileTime was = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(was.toMillis() + 60_000));
    try {
      assertClean(launch(env, "--version"));
      List<Path> after = archives();
      assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    } finally {
      Files.setLastModifiedTime(jar, was);
    }
  }

  @Test
  void aReproducibleRebuildOfTheSameSizeAndTimeReplacesTheOldArchiveToo() throws Exception {
    Map<String, String> env = Map.of("BULWARK_CACHE_DIR", tmp.toString());
    assertClean(launch(env, "--version"));
    List<Path> before = archives();
    Path jar;
    try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
      jar = jars.filter(p -> p.getFileName().toString().startsWith("classes-")).findFirst().get();
    }
    // a reproducible build writes its jars with one fixed time: another build of the same size
    // differs only in when the file was written (its change time, which no tool can set back)
    FileTime was = Files.getLastModifiedTime(jar);
    Thread.sleep(1100);
    Files.write(jar, Files.readAllBytes(jar));
    Files.setLastModifiedTime(jar, was);

    assertClean(launch(env, "--version"));
    assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  private static final String AUDITED =
      "1 objects audited, 0 with findings: 0 violations, 0 exempted, 0 input errors\n";

  private static void assertClean(Run run) {
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).as("standard error").isEmpty();
    assertThat(run.out())
        .as("standard output")
        .satisfiesAnyOf(
            out -> assertThat(out).isEqualTo(AUDITED),
            out -> assertThat(out).matches("bulwark \\S+\n"));
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(tmp.resolve("class-data"))) {
      return files.sorted().toList();
    }
  }

  record Run(int exit, String out, String err) {}

  private static Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(dist.resolve("bin/bulwark").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("BULWARK_JAVA_OPTS");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dist, "out", ".txt");
    Path err = Files.createTempFile(dist, "err", ".txt");
    Process process =
        builder
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void packJar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> tree = Files.walk(classes)) {
      for (Path path : tree.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }
}
