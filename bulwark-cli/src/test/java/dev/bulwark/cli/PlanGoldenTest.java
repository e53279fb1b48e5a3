package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps tree of examples/acme, byte for byte. A change to any render unit shows up here as a
 * reviewable diff; refresh with {@code -Dgolden.update=true} and read what changed before
 * committing.
 */
class PlanGoldenTest {

  static final Path EXAMPLE = Trees.repo().resolve("examples/acme");
  static final Path GOLDEN = Trees.repo().resolve("examples/golden/acme");

  @TempDir Path tmp;

  @Test
  void acmeRendersToTheGoldenTree() throws IOException {
    Path out = tmp.resolve("acme");
    Cli result = Cli.run("plan", EXAMPLE.toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    SortedMap<String, String> rendered = Trees.read(out);
    if (Boolean.getBoolean("golden.update")) {
      dev.bulwark.gitops.TreeWriter.write(rendered, GOLDEN);
    }
    assertThat(Files.isDirectory(GOLDEN))
        .as("golden tree %s (create it with -Dgolden.update=true)", GOLDEN)
        .isTrue();
    SortedMap<String, String> golden = Trees.read(GOLDEN);
    assertThat(rendered.keySet())
        .as("files of the rendered tree")
        .containsExactlyElementsOf(golden.keySet());
    rendered.forEach((file, text) -> assertThat(text).as(file).isEqualTo(golden.get(file)));
  }
}
