package dev.bulwark.spec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Any bytes given to the loader as standard input come back as a spec or as errors, never as an
 * exception; every error names the input and a line inside it, or is about the input as a whole.
 *
 * <p>The normal test run replays the seeds in {@code SpecLoaderFuzzTestInputs/}; {@code
 * tools/fuzz.sh spec DURATION} fuzzes for longer (ADR 0037).
 */
class SpecLoaderFuzzTest {

  private static final String STDIN = "-";

  @FuzzTest(maxDuration = "20s")
  void anyBytesGiveASpecOrClearErrors(byte[] input) {
    LoadResult result = SpecLoader.load(List.of(STDIN), new ByteArrayInputStream(input));

    long lines = lineCount(input);
    for (SpecError error : result.errors()) {
      assertThat(error.message()).as("message of %s", error).isNotBlank();
      if (error.location() != null) {
        assertThat(error.source()).as("file of %s", error).isEqualTo(STDIN);
        assertThat(error.line()).as("line of %s", error).isBetween(0, (int) lines + 1);
      }
    }
    assertThat(result.ok() || !result.report().isBlank()).as("a rejection says why").isTrue();
  }

  private static long lineCount(byte[] input) {
    long lines = 1;
    for (byte b : input) {
      if (b == '\n' || b == '\r') {
        lines++;
      }
    }
    return lines;
  }
}
