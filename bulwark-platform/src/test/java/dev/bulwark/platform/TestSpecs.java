package dev.bulwark.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads spec documents straight into the API types, for render tests. The loader's validation is
 * tested where it lives; these tests only need typed specs, so they bind without it.
 */
public final class TestSpecs {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private TestSpecs() {}

  public static BulwarkSpec profile(String name) {
    try (InputStream in = TestSpecs.class.getResourceAsStream("/profiles/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no profile " + name);
      }
      return parse(List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rendered Argo CD Application {@code name}, as JSON. */
  public static JsonNode application(DesiredState state, String name) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(o -> o.getKind().equals("Application") && o.getMetadata().getName().equals(name))
        .map(o -> (JsonNode) new ObjectMapper().valueToTree(o))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Application " + name));
  }

  /** Every YAML file under {@code dir}, in path order. */
  static BulwarkSpec directory(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> texts = new ArrayList<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        texts.add(Files.readString(file));
      }
      return parse(texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BulwarkSpec parse(List<String> texts) throws IOException {
    Platform platform = null;
    List<Tenant> tenants = new ArrayList<>();
    List<Application> applications = new ArrayList<>();
    for (String text : texts) {
      for (JsonNode doc : YAML.readValues(YAML.createParser(text), JsonNode.class).readAll()) {
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        switch (doc.path("kind").asText()) {
          case "Platform" -> platform = YAML.treeToValue(doc, Platform.class);
          case "Tenant" -> tenants.add(YAML.treeToValue(doc, Tenant.class));
          case "Application" -> applications.add(YAML.treeToValue(doc, Application.class));
          default -> throw new IllegalArgumentException("unknown kind in " + doc);
        }
      }
    }
    return new BulwarkSpec(platform, tenants, applications);
  }
}
