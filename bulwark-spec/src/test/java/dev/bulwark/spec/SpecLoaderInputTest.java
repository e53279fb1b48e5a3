package dev.bulwark.spec;

import static dev.bulwark.spec.SpecFixtures.assertErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a spec comes from: files, directories, standard input, and inputs that hold nothing. */
class SpecLoaderInputTest {

  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void directoriesAreSearchedRecursivelyForYamlInSortedOrder() throws IOException {
    write("spec/platform.yaml", SpecFixtures.PLATFORM);
    write("spec/tenants/all.yml", SpecFixtures.TENANTS);
    write("spec/apps/shop.yaml", SpecFixtures.APPLICATIONS.replace("tenant: web", "tenant: wbe"));
    write(
        "spec/apps/z.yaml",
        "apiVersion: bulwark.dev/v1alpha1\nkind: Tenant\nmetadata: {name: z}\nspec: {environments: [{name: Dev}]}\n");
    write("spec/README.md", "not yaml");
    write("spec/.git/config.yaml", "kind: Ignored");
    LoadResult result = SpecLoader.load(List.of(dir.resolve("spec").toString()));
    String apps = dir.resolve("spec/apps").toString();
    assertThat(result.errors())
        .extracting(SpecError::source)
        .containsExactly(apps + "/shop.yaml", apps + "/z.yaml");
  }

  @Test
  void filesAndDirectoriesMixAndAFileReachedTwiceIsReadOnce() throws IOException {
    Path platform = write("platform.yaml", SpecFixtures.PLATFORM);
    write("more/tenants.yaml", SpecFixtures.TENANTS);
    write("more/apps.yaml", SpecFixtures.APPLICATIONS);
    LoadResult result = SpecLoader.load(List.of(platform.toString(), dir.toString()));
    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().tenants()).hasSize(2);
  }

  @Test
  void dashReadsStandardInput() throws IOException {
    Path platform = write("platform.yaml", SpecFixtures.PLATFORM);
    String rest =
        SpecFixtures.TENANTS
            + "---\n"
            + SpecFixtures.APPLICATIONS.replace("tenant: web", "tenant: wbe");
    LoadResult result =
        SpecLoader.load(
            List.of(platform.toString(), "-"),
            new ByteArrayInputStream(rest.getBytes(StandardCharsets.UTF_8)));
    assertErrors(
        result,
        "-:28:11: spec.tenant: unknown tenant `wbe`; expected one of data, web; did you mean `web`?");
  }

  @Test
  void missingPathsAreErrors() {
    String missing = dir.resolve("nope.yaml").toString();
    assertErrors(SpecLoader.load(List.of(missing)), missing + ": no such file or directory");
  }

  @Test
  void anEmptyInputSetIsAnError() throws IOException {
    assertErrors(
        SpecLoader.load(List.of()),
        "no input: give spec files, directories, or - for standard input");
    assertErrors(
        SpecLoader.loadStrings(Map.of()),
        "no input: give spec files, directories, or - for standard input");
    Files.createDirectories(dir.resolve("empty"));
    String empty = dir.resolve("empty").toString();
    assertErrors(
        SpecLoader.load(List.of(empty)), empty + ": no *.yaml or *.yml files in this directory");
  }

  @Test
  void aFileWithoutDocumentsIsAnError() {
    assertErrors(
        SpecLoader.loadStrings(Map.of("only-comments.yaml", "# nothing here\n---\n")),
        "no Platform: a spec needs exactly one document of kind Platform (bulwark.dev/v1alpha1)",
        "only-comments.yaml: no YAML documents in this file");
  }

  @Test
  void aFileThatIsNotUtf8IsAnError() throws IOException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    assertThat(SpecLoader.load(List.of(file.toString())).errors())
        .singleElement()
        .extracting(SpecError::toString)
        .asString()
        .isEqualTo(file + ": cannot read the file: it is not UTF-8 text");
  }

  @Test
  void theLoaderWritesNothing() throws IOException {
    write("spec/platform.yaml", SpecFixtures.PLATFORM);
    write("spec/tenants.yaml", SpecFixtures.TENANTS);
    List<Path> before = list();
    SpecLoader.load(List.of(dir.resolve("spec").toString()));
    SpecLoader.load(List.of(dir.resolve("spec").toString(), dir.resolve("missing").toString()));
    assertThat(list()).isEqualTo(before);
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }
}
