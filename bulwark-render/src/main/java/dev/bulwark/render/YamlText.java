package dev.bulwark.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small block-style YAML emitter for Jackson trees. Rendered plans are large (a thousand tenants
 * is some 75 MB of YAML) and Jackson's YAML generator spends most of its time deciding how to
 * quote; here a string is written plain only when it is unmistakably a string, and otherwise as a
 * JSON-escaped double-quoted scalar, which every YAML 1.1 and 1.2 reader reads back as the same
 * text.
 */
final class YamlText {

  /**
   * Text that a YAML 1.1 or 1.2 reader would resolve to a number; only tried on text starting with
   * a digit or dot.
   */
  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+"
              + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
              + "|\\.(inf|Inf|INF|nan|NaN|NAN)");

  /** Words a YAML 1.1 reader takes for booleans or null, compared ignoring case. */
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

  private YamlText() {}

  static String write(JsonNode root) {
    StringBuilder out = new StringBuilder(1024);
    if (root.isObject() && !root.isEmpty()) {
      object(root, 0, out);
    } else if (root.isArray() && !root.isEmpty()) {
      array(root, 0, out);
    } else {
      scalar(root, out);
      out.append('\n');
    }
    return out.toString();
  }

  private static void object(JsonNode node, int indent, StringBuilder out) {
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!first) {
        pad(indent, out);
      }
      first = false;
      string(field.getKey(), out);
      value(field.getValue(), indent, out);
    }
  }

  /** Writes ": value" for scalars and empty collections, or ":" and the nested block. */
  private static void value(JsonNode value, int indent, StringBuilder out) {
    if (value.isObject() && !value.isEmpty()) {
      out.append(":\n");
      pad(indent + 2, out);
      object(value, indent + 2, out);
    } else if (value.isArray() && !value.isEmpty()) {
      out.append(":\n");
      pad(indent, out);
      array(value, indent, out);
    } else {
      out.append(": ");
      scalar(value, out);
      out.append('\n');
    }
  }

  private static void array(JsonNode node, int indent, StringBuilder out) {
    boolean first = true;
    for (JsonNode item : node) {
      if (!first) {
        pad(indent, out);
      }
      first = false;
      out.append("- ");
      if (item.isObject() && !item.isEmpty()) {
        object(item, indent + 2, out);
      } else if (item.isArray() && !item.isEmpty()) {
        array(item, indent + 2, out);
      } else {
        scalar(item, out);
        out.append('\n');
      }
    }
  }

  private static void scalar(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      string(node.textValue(), out);
    } else if (node.isObject()) {
      out.append("{}");
    } else if (node.isArray()) {
      out.append("[]");
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else {
      out.append(node.asText());
    }
  }

  static void string(String text, StringBuilder out) {
    if (isPlain(text)) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20
              || c == 0x7f
              || (c >= 0x80 && c <= 0x9f)
              || c == 0x2028
              || c == 0x2029
              || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Whether the text can be written without quotes: only letters, digits and {@code _./} (and
   * {@code @=+:-} after the first character), and not something a reader would take for a number,
   * boolean or null. Hand-written rather than a regular expression: it runs for every string of
   * every object of a plan.
   */
  static boolean isPlain(String text) {
    int length = text.length();
    if (length == 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '/'
              || (i > 0 && (c == '@' || c == '=' || c == '+' || c == ':' || c == '-'));
      if (!ok) {
        return false;
      }
    }
    char first = text.charAt(0);
    if ((first >= '0' && first <= '9') || first == '.') {
      return !NUMBER_LIKE.matcher(text).matches();
    }
    return length > 5 || !WORDS.contains(text.toLowerCase(Locale.ROOT));
  }

  private static void pad(int indent, StringBuilder out) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }
}
