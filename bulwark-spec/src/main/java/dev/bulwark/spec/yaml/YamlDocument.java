package dev.bulwark.spec.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One YAML document as a Jackson tree, with the source position of every node.
 *
 * @param source the file name, or "-" for standard input
 * @param index the 0-based position of the document in its source
 * @param content the document's content
 * @param locations the start of each node, keyed by JSON Pointer ("" is the root)
 */
public record YamlDocument(String source, int index, JsonNode content, Map<String, Location> locations) {

  /** Where the node at {@code pointer} starts; for a missing node, where its nearest ancestor does. */
  public Location locate(String pointer) {
    String p = pointer;
    while (true) {
      Location location = locations.get(p);
      if (location != null || p.isEmpty()) {
        return location != null ? location : new Location(source, 1, 1);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** Where the document starts. */
  public Location start() {
    return locate("");
  }
}
