package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendering is a function of the spec's content only: the same documents, spread over any number of
 * files in any order, give the same bytes.
 */
class DeterminismTest {

  @TempDir Path tmp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 1234, 99991})
  void shuffledFilesAndDocumentsRenderToIdenticalBytes(long seed) throws IOException {
    SortedMap<String, String> baseline = plan(PlanGoldenTest.EXAMPLE, tmp.resolve("baseline"));
    assertThat(plan(PlanGoldenTest.EXAMPLE, tmp.resolve("again"))).isEqualTo(baseline);

    List<String> documents = documents(PlanGoldenTest.EXAMPLE);
    Random random = new Random(seed);
    Collections.shuffle(documents, random);
    Path shuffled = tmp.resolve("spec-" + seed);
    Files.createDirectories(shuffled);
    int fileCount = 1 + random.nextInt(documents.size());
    List<StringBuilder> files = new ArrayList<>();
    for (int i = 0; i < fileCount; i++) {
      files.add(new StringBuilder());
    }
    for (int i = 0; i < documents.size(); i++) {
      // The first fileCount documents seed one file each, so that no file is empty.
      StringBuilder file = files.get(i < fileCount ? i : random.nextInt(fileCount));
      file.append("---\n").append(documents.get(i)).append('\n');
    }
    for (int i = 0; i < fileCount; i++) {
      Files.writeString(shuffled.resolve("part-" + (fileCount - i) + ".yaml"), files.get(i));
    }
    assertThat(plan(shuffled, tmp.resolve("out-" + seed))).isEqualTo(baseline);
  }

  private static SortedMap<String, String> plan(Path spec, Path out) {
    Cli result = Cli.run("plan", spec.toString(), "--out", out.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return Trees.read(out);
  }

  private static List<String> documents(Path dir) throws IOException {
    List<String> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        Arrays.stream(Files.readString(file).split("(?m)^---\\s*$"))
            .filter(d -> d.lines().anyMatch(l -> l.startsWith("kind:")))
            .forEach(documents::add);
      }
    }
    return documents;
  }
}
