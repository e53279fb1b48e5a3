package dev.bulwark.catalog.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * A Helm repository's {@code index.yaml}: for each chart the published versions, each with the URLs
 * of its archive (relative to the index or absolute) and the archive's sha256 digest.
 */
final class HelmRepositoryIndex {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One published chart version: where its archive is and the digest the index records. */
  record Entry(URI archive, Optional<String> digest) {}

  private final URI location;
  private final JsonNode entries;

  private HelmRepositoryIndex(URI location, JsonNode entries) {
    this.location = location;
    this.entries = entries;
  }

  /** Parses an index read from {@code location}. */
  static HelmRepositoryIndex parse(URI location, byte[] yaml) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || !root.path("entries").isObject()) {
        throw new ChartFetchException(location + " is not a Helm repository index (no entries:)");
      }
      return new HelmRepositoryIndex(location, root.path("entries"));
    } catch (IOException e) {
      throw new ChartFetchException(
          location + " is not readable YAML: " + firstLine(e.getMessage()), e);
    }
  }

  /** The entry of {@code chart} at {@code version} (a leading v is optional on either side). */
  Optional<Entry> find(String chart, String version) {
    for (JsonNode entry : entries.path(chart)) {
      if (withoutV(entry.path("version").asText()).equals(withoutV(version))
          && entry.path("urls").size() > 0) {
        URI archive = location.resolve(entry.path("urls").get(0).asText());
        Optional<String> digest =
            Optional.ofNullable(entry.path("digest").textValue())
                .filter(d -> !d.isBlank())
                .map(Sha256::normalise);
        return Optional.of(new Entry(archive, digest));
      }
    }
    return Optional.empty();
  }

  private static String withoutV(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
