package dev.bulwark.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs under {@code deploy/crds/} are what users install, so they must be exactly what the
 * build generates from the Java types. Run with {@code -Dcrds.update=true} to refresh them.
 */
class CommittedCrdsTest {

  private static final Path COMMITTED = repoDir().resolve("deploy/crds");

  @ParameterizedTest
  @ValueSource(strings = {"platforms", "tenants", "applications"})
  void committedCrdIsWhatTheBuildGenerates(String plural) throws IOException {
    String generated = generated(plural);
    Path committed = COMMITTED.resolve(plural + ".bulwark.dev.yaml");
    if (Boolean.getBoolean("crds.update")) {
      Files.createDirectories(COMMITTED);
      Files.writeString(committed, generated);
    }
    assertThat(committed)
        .as(
            "%s is stale: run ./mvnw -pl bulwark-api test -Dcrds.update=true and commit it",
            committed)
        .exists();
    assertThat(Files.readString(committed))
        .as(
            "%s is stale: run ./mvnw -pl bulwark-api test -Dcrds.update=true and commit it",
            committed)
        .isEqualTo(generated);
  }

  @ParameterizedTest
  @ValueSource(strings = {"platforms", "tenants", "applications"})
  void everyFieldIsDocumented(String plural) throws IOException {
    JsonNode schema =
        new ObjectMapper(new YAMLFactory())
            .readTree(generated(plural))
            .at("/spec/versions/0/schema/openAPIV3Schema/properties");
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(schema.get("spec"), "spec", undocumented);
    collectUndocumented(schema.get("status"), "status", undocumented);
    assertThat(undocumented).as("fields without a description in %s", plural).isEmpty();
  }

  private static void collectUndocumented(JsonNode schema, String path, List<String> out) {
    JsonNode properties = schema.path("properties");
    properties
        .fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode field = properties.get(name);
              if (!field.hasNonNull("description")) {
                out.add(path + "." + name);
              }
              collectUndocumented(field, path + "." + name, out);
              collectUndocumented(field.path("items"), path + "." + name + "[]", out);
            });
  }

  private static String generated(String plural) throws IOException {
    String resource = "/META-INF/fabric8/" + plural + ".bulwark.dev-v1.yml";
    try (InputStream in = CommittedCrdsTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("generated CRD %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path repoDir() {
    String configured = System.getProperty("bulwark.repo.dir");
    return configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
  }
}
