package dev.bulwark.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * One YAML document as a Jackson tree, with the source position of every node. Positions are
 * resolved on demand by walking the JSON Pointer (RFC 6901) through the tree, so reading large
 * bundles does not pay for positions nobody asks for.
 */
public final class YamlDocument {

  private final String source;
  private final int index;
  private final JsonNode content;
  private final Positions positions;

  YamlDocument(String source, int index, JsonNode content, Positions positions) {
    this.source = source;
    this.index = index;
    this.content = content;
    this.positions = positions;
  }

  /** The file name, or "-" for standard input. */
  public String source() {
    return source;
  }

  /** The 0-based position of the document in its source. */
  public int index() {
    return index;
  }

  /** The document's content. */
  public JsonNode content() {
    return content;
  }

  /**
   * Where the node at {@code pointer} starts; for a missing node, where its nearest ancestor does.
   */
  public Location locate(String pointer) {
    return Positions.location(source, find(pointer, false));
  }

  /**
   * Where the key of the member at {@code pointer} starts, if it is an object member; otherwise
   * where the node (or its nearest ancestor) starts. An error about a field (unknown, not
   * supported) points at its key, which is where the user reads it, rather than at its value, which
   * may start a line later.
   */
  public Location locateKey(String pointer) {
    return Positions.location(source, find(pointer, true));
  }

  /** Where the document starts. */
  public Location start() {
    return Positions.location(source, positions.start);
  }

  private long find(String pointer, boolean key) {
    JsonNode node = content;
    Positions at = positions;
    long found = at.start;
    if (pointer.isEmpty() || pointer.charAt(0) != '/') {
      return found;
    }
    int from = 1;
    while (true) {
      int slash = pointer.indexOf('/', from);
      boolean last = slash < 0;
      String segment = unescape(pointer.substring(from, last ? pointer.length() : slash));
      int member = member(node, segment);
      if (member < 0 || at.values == null) {
        return found;
      }
      if (last) {
        return key && at.keys != null ? at.keys[member] : at.values[member];
      }
      found = at.values[member];
      node = node.isObject() ? node.get(segment) : node.get(member);
      at = at.nested[member];
      if (at == null) {
        return found;
      }
      from = slash + 1;
    }
  }

  /** The ordinal of the member or item named by a pointer segment, or -1 if there is none. */
  private static int member(JsonNode node, String segment) {
    if (node.isObject()) {
      int i = 0;
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); i++) {
        if (names.next().equals(segment)) {
          return i;
        }
      }
      return -1;
    }
    if (node.isArray()) {
      // RFC 6901 array indexes: decimal digits, no leading zero.
      if (segment.isEmpty()
          || segment.length() > 9
          || (segment.length() > 1 && segment.charAt(0) == '0')
          || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      int i = Integer.parseInt(segment);
      return i < node.size() ? i : -1;
    }
    return -1;
  }

  private static String unescape(String segment) {
    return segment.indexOf('~') < 0 ? segment : segment.replace("~1", "/").replace("~0", "~");
  }
}
