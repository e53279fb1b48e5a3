package dev.bulwark.gate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.gate.read.GrypeReader;
import dev.bulwark.gate.read.InputException;
import dev.bulwark.gate.read.SarifReader;
import dev.bulwark.gate.read.SbomReader;
import dev.bulwark.gate.read.SignatureFactsReader;
import dev.bulwark.gate.read.VexReader;
import dev.bulwark.gate.read.VulnerabilityReports;
import dev.bulwark.gate.read.ZapReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes given to one of the gate's readers give a parse or an {@link InputException} that names
 * the file and the problem; no other exception escapes, so the gate blocks with a clear reason
 * rather than a stack trace.
 *
 * <p>The normal test run replays the seeds in {@code GateReadersFuzzTestInputs/<reader>/}; {@code
 * tools/fuzz.sh gate-sarif DURATION} (and {@code gate-sbom}, {@code gate-grype}, {@code
 * gate-vulns}, {@code gate-vex}, {@code gate-zap}, {@code gate-signature}) fuzzes one reader for
 * longer (ADR 0037).
 */
class GateReadersFuzzTest {

  private static final String DIGEST =
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final Path FILE = scratchFile();

  /** One reader over the scratch file. */
  @FunctionalInterface
  private interface Reader {
    Object read(Path file) throws InputException;
  }

  @FuzzTest(maxDuration = "10s")
  void sarif(byte[] input) {
    readsOrSaysWhy(input, SarifReader::read);
  }

  @FuzzTest(maxDuration = "10s")
  void sbom(byte[] input) {
    readsOrSaysWhy(input, file -> SbomReader.read(file, DIGEST));
  }

  @FuzzTest(maxDuration = "10s")
  void grype(byte[] input) {
    readsOrSaysWhy(input, file -> GrypeReader.read(file, DIGEST));
  }

  /** Grype's or Trivy's report, told apart by shape. */
  @FuzzTest(maxDuration = "10s")
  void vulns(byte[] input) {
    readsOrSaysWhy(input, file -> VulnerabilityReports.read(file, DIGEST));
  }

  @FuzzTest(maxDuration = "10s")
  void vex(byte[] input) {
    readsOrSaysWhy(input, VexReader::read);
  }

  @FuzzTest(maxDuration = "10s")
  void zap(byte[] input) {
    readsOrSaysWhy(input, ZapReader::read);
  }

  @FuzzTest(maxDuration = "10s")
  void signature(byte[] input) {
    readsOrSaysWhy(input, file -> SignatureFactsReader.read(file, DIGEST));
  }

  private static void readsOrSaysWhy(byte[] input, Reader reader) {
    try {
      Files.write(FILE, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      assertThat(reader.read(FILE)).isNotNull();
    } catch (InputException rejected) {
      assertThat(rejected.file()).isEqualTo(FILE.toString());
      assertThat(rejected.problem()).isNotBlank();
    }
  }

  private static Path scratchFile() {
    try {
      Path dir = Files.createTempDirectory("bulwark-gate-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("input.json");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
