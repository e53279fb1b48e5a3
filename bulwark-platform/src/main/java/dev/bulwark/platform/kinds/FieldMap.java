package dev.bulwark.platform.kinds;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the map of a {@link ResourceFields}: fields in the order they are put, absent (null)
 * fields left out, typed values and lists of them turned into maps.
 */
public final class FieldMap {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private FieldMap() {}

  public static FieldMap create() {
    return new FieldMap();
  }

  /** Puts the field unless {@code value} is null. */
  public FieldMap put(String name, Object value) {
    if (value != null) {
      fields.put(name, plain(value));
    }
    return this;
  }

  /**
   * Puts the field unless {@code value} is null or empty: for optional lists and maps whose key the
   * resource had no entry for before it was typed.
   */
  public FieldMap putIfNotEmpty(String name, Object value) {
    boolean empty =
        value instanceof Collection<?> c && c.isEmpty()
            || value instanceof Map<?, ?> m && m.isEmpty();
    return empty ? this : put(name, value);
  }

  public Map<String, Object> build() {
    return fields;
  }

  private static Object plain(Object value) {
    if (value instanceof ResourceFields typed) {
      return typed.toMap();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(FieldMap::plain).toList();
    }
    return value;
  }
}
