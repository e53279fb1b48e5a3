package dev.bulwark.spec.schema;

import dev.bulwark.yaml.LocatedYaml;
import java.util.regex.Pattern;

/**
 * A place inside a JSON document, kept in two forms at once: the RFC 6901 JSON Pointer that locates
 * the node in its YAML source, and the field path a person reads ({@code
 * spec.environments[0].name}, {@code metadata.labels["app.kubernetes.io/name"]}). Both are built
 * together because only the builder knows whether a segment is an array index or an object key that
 * happens to be a number.
 *
 * @param pointer the JSON Pointer, "" for the root
 * @param display the human field path, "" for the root
 */
public record FieldPath(String pointer, String display) {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final FieldPath ROOT = new FieldPath("", "");

  /** The document root. */
  public static FieldPath root() {
    return ROOT;
  }

  /** A path of plain keys from the root, for example {@code of("spec", "tenant")}. */
  public static FieldPath of(String... keys) {
    FieldPath path = ROOT;
    for (String key : keys) {
      path = path.key(key);
    }
    return path;
  }

  /** The member {@code key} of the object at this path. */
  public FieldPath key(String key) {
    String pointer = this.pointer + "/" + LocatedYaml.escape(key);
    if (PLAIN_KEY.matcher(key).matches()) {
      return new FieldPath(pointer, display.isEmpty() ? key : display + "." + key);
    }
    String quoted = "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    return new FieldPath(pointer, display + quoted);
  }

  /** The item {@code index} of the array at this path. */
  public FieldPath index(int index) {
    return new FieldPath(pointer + "/" + index, display + "[" + index + "]");
  }

  @Override
  public String toString() {
    return display.isEmpty() ? "(root)" : display;
  }
}
