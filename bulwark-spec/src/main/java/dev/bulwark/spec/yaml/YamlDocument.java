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
 * @param keyLocations the start of the mapping key of each object member, keyed by the member's
 *     JSON Pointer; an error about a field (unknown, not supported) points at its key, which is
 *     where the user reads it, rather than at its value, which may start a line later
 */
public record YamlDocument(
    String source, int index, JsonNode content, Map<String, Location> locations, Map<String, Location> keyLocations) {

  /** A document without key positions; {@link #locateKey} then falls back to {@link #locate}. */
  public YamlDocument(String source, int index, JsonNode content, Map<String, Location> locations) {
    this(source, index, content, locations, Map.of());
  }

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

  /**
   * Where the key of the member at {@code pointer} starts, if it is an object member; otherwise
   * where the node (or its nearest ancestor) starts.
   */
  public Location locateKey(String pointer) {
    Location key = keyLocations.get(pointer);
    return key != null ? key : locate(pointer);
  }

  /** Where the document starts. */
  public Location start() {
    return locate("");
  }
}
