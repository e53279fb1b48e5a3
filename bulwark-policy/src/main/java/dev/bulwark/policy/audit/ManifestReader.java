package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.spec.yaml.LocatedYaml;
import dev.bulwark.spec.yaml.Location;
import dev.bulwark.spec.yaml.YamlDocument;
import dev.bulwark.spec.yaml.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the manifests to audit from files, directories (recursively, *.yaml, *.yml and *.json in
 * name order) and standard input. Bad input never stops the reading: every problem becomes an
 * {@link InputError} with its file and line, and the good documents are still audited.
 */
public final class ManifestReader {

  /** Files larger than this are refused before parsing. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final List<Manifest> manifests = new ArrayList<>();
  private final List<InputError> errors = new ArrayList<>();

  /**
   * Everything read from the paths, in the order given (directories in name order); {@code stdin}
   * is used for "-". Files are parsed in parallel, since parsing dominates the cost of an audit.
   */
  public static ManifestReader read(List<String> paths, InputStream stdin) {
    ManifestReader lister = new ManifestReader();
    List<Path> sources = new ArrayList<>();
    for (String path : paths) {
      if ("-".equals(path)) {
        sources.add(null);
      } else {
        lister.list(Path.of(path), sources);
      }
    }
    List<ManifestReader> parts = sources.parallelStream().map(source -> {
      ManifestReader part = new ManifestReader();
      if (source == null) {
        part.parse("-", new InputStreamReader(stdin, StandardCharsets.UTF_8));
      } else {
        part.readFile(source);
      }
      return part;
    }).toList();
    ManifestReader reader = new ManifestReader();
    reader.errors.addAll(lister.errors);
    for (ManifestReader part : parts) {
      reader.manifests.addAll(part.manifests);
      reader.errors.addAll(part.errors);
    }
    return reader;
  }

  public List<Manifest> manifests() {
    return List.copyOf(manifests);
  }

  public List<InputError> errors() {
    return List.copyOf(errors);
  }

  private void list(Path path, List<Path> into) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        files.filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
            .sorted()
            .forEach(into::add);
      } catch (IOException e) {
        errors.add(new InputError(new Location(path.toString(), 1, 1), "cannot list directory: " + e.getMessage()));
      }
    } else if (Files.isRegularFile(path)) {
      into.add(path);
    } else {
      errors.add(new InputError(new Location(path.toString(), 1, 1), "no such file or directory"));
    }
  }

  private void readFile(Path file) {
    String source = file.toString();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        errors.add(new InputError(new Location(source, 1, 1),
            "file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB; split it into smaller files"));
        return;
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        parse(source, reader);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      errors.add(new InputError(new Location(source, 1, 1), "cannot read: " + e.getMessage()));
    }
  }

  private void parse(String source, Reader reader) {
    List<YamlDocument> documents;
    try {
      documents = LocatedYaml.read(source, reader);
    } catch (YamlSyntaxException e) {
      errors.add(new InputError(e.location(), "not valid YAML: " + e.getMessage().substring(e.location().toString().length() + 2)));
      return;
    } catch (RuntimeException e) {
      errors.add(new InputError(new Location(source, 1, 1), "cannot read YAML: " + e.getMessage()));
      return;
    }
    for (YamlDocument doc : documents) {
      add(doc, "", doc.content());
    }
  }

  private void add(YamlDocument doc, String pointer, JsonNode node) {
    Location location = doc.locate(pointer);
    if (!node.isObject()) {
      errors.add(new InputError(location, "expected a Kubernetes object (a mapping with apiVersion and kind), got a " + describe(node)));
      return;
    }
    String kind = node.path("kind").asText("");
    if (!node.path("kind").isTextual() || kind.isBlank()) {
      errors.add(new InputError(location, "field kind: expected the object's kind, for example Deployment; it is missing"));
      return;
    }
    if (!node.path("apiVersion").isTextual() || node.path("apiVersion").asText().isBlank()) {
      errors.add(new InputError(location, "field apiVersion: expected the API version of " + kind + ", for example apps/v1; it is missing"));
      return;
    }
    if (kind.endsWith("List") && node.has("items")) {
      JsonNode items = node.get("items");
      if (!items.isArray()) {
        errors.add(new InputError(doc.locate(pointer + "/items"), "field items: expected a list of objects"));
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        add(doc, pointer + "/items/" + i, items.get(i));
      }
      return;
    }
    if (node.has("metadata") && !node.get("metadata").isObject()) {
      errors.add(new InputError(doc.locate(pointer + "/metadata"), "field metadata: expected a mapping"));
      return;
    }
    manifests.add(new Manifest(location, node));
  }

  private static String describe(JsonNode node) {
    return node.isArray() ? "list" : node.isTextual() ? "string" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
