package dev.bulwark.catalog.upgrade;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files and directories (searched recursively for .yaml, .yml and
 * .json, in sorted order) as objects to scan, each with its file and line. Multi-document files and
 * {@code kind: List} documents are taken apart; documents without apiVersion and kind (Helm values,
 * kustomization overlays) are skipped.
 */
public final class ManifestObjects {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ManifestObjects() {}

  /** Every object in the given files and directories. */
  public static List<ScannedObject> read(List<Path> paths) {
    List<ScannedObject> objects = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        objects.addAll(readFile(file));
      }
    }
    return objects;
  }

  private static List<Path> files(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot be read", e);
    }
  }

  static List<ScannedObject> readFile(Path file) {
    List<ScannedObject> objects = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        JsonLocation at = parser.currentTokenLocation();
        JsonNode document = YAML.readTree(parser);
        collect(document, file + ":" + at.getLineNr(), objects);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not readable as YAML: " + e.getMessage(), e);
    }
    return objects;
  }

  private static void collect(JsonNode document, String origin, List<ScannedObject> into) {
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      return;
    }
    if (kind.endsWith("List") && document.path("items").isArray()) {
      for (JsonNode item : document.path("items")) {
        collect(item, origin, into);
      }
      return;
    }
    JsonNode metadata = document.path("metadata");
    into.add(
        new ScannedObject(
            apiVersion,
            kind,
            metadata.path("namespace").asText(""),
            metadata.path("name").asText(""),
            origin));
  }
}
