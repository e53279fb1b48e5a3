package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.yaml.LocatedYaml;
import dev.bulwark.yaml.Location;
import dev.bulwark.yaml.YamlDocument;
import dev.bulwark.yaml.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the manifests to audit from files, directories (recursively, *.yaml, *.yml and *.json in
 * name order) and standard input, as {@link ManifestSources} lists them. Bad input never stops the
 * reading: every problem becomes an {@link InputError} with its file and line, and the good
 * documents are still audited.
 */
public final class ManifestReader {

  /** Files larger than this are refused before parsing. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private final List<Manifest> manifests = new ArrayList<>();
  private final List<InputError> errors = new ArrayList<>();

  ManifestReader() {}

  /**
   * Everything read from the paths, in the order given (directories in name order); {@code stdin}
   * is used for "-". Files are parsed in parallel. This keeps every tree until all are read; an
   * audit instead judges each source's objects as it reads them (see {@link
   * AuditRunner#run(ManifestSources)}).
   */
  public static ManifestReader read(List<String> paths, InputStream stdin) {
    ManifestSources sources = ManifestSources.list(paths, stdin);
    List<ManifestReader> parts =
        IntStream.range(0, sources.size()).parallel().mapToObj(sources::read).toList();
    ManifestReader reader = new ManifestReader();
    reader.errors.addAll(sources.listingErrors());
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

  void readFile(Path file) {
    String source = file.toString();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        errors.add(
            new InputError(
                new Location(source, 1, 1),
                "file is larger than "
                    + MAX_FILE_BYTES / (1024 * 1024)
                    + " MiB; split it into smaller files"));
        return;
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        parse(source, reader);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      errors.add(new InputError(new Location(source, 1, 1), "cannot read: " + e.getMessage()));
    }
  }

  void parse(String source, Reader reader) {
    List<YamlDocument> documents;
    try {
      documents = LocatedYaml.read(source, reader);
    } catch (YamlSyntaxException e) {
      errors.add(
          new InputError(
              e.location(),
              "not valid YAML: " + e.getMessage().substring(e.location().toString().length() + 2)));
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
      errors.add(
          new InputError(
              location,
              "expected a Kubernetes object (a mapping with apiVersion and kind), got a "
                  + describe(node)));
      return;
    }
    String kind = node.path("kind").asText("");
    if (!node.path("kind").isTextual() || kind.isBlank()) {
      errors.add(
          new InputError(
              location,
              "field kind: expected the object's kind, for example Deployment; it is missing"));
      return;
    }
    if (!node.path("apiVersion").isTextual() || node.path("apiVersion").asText().isBlank()) {
      errors.add(
          new InputError(
              location,
              "field apiVersion: expected the API version of "
                  + kind
                  + ", for example apps/v1; it is missing"));
      return;
    }
    if (kind.endsWith("List") && node.has("items")) {
      JsonNode items = node.get("items");
      if (!items.isArray()) {
        errors.add(
            new InputError(
                doc.locate(pointer + "/items"), "field items: expected a list of objects"));
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        add(doc, pointer + "/items/" + i, items.get(i));
      }
      return;
    }
    if (node.has("metadata") && !node.get("metadata").isObject()) {
      errors.add(
          new InputError(doc.locate(pointer + "/metadata"), "field metadata: expected a mapping"));
      return;
    }
    manifests.add(new Manifest(location, node));
  }

  private static String describe(JsonNode node) {
    return node.isArray()
        ? "list"
        : node.isTextual()
            ? "string"
            : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
