package dev.bulwark.platform.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm values and custom-resource specs as plain maps: built in place, merged deeply.
 *
 * <p>Maps keep insertion order while built; the one YAML serializer sorts keys on output, so the
 * order here never shows in a rendered file.
 */
public final class Values {

  private Values() {}

  /** A map from alternating keys and values; null values are left out. */
  public static Map<String, Object> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "map needs key/value pairs, got " + keysAndValues.length + " items");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** A list that may hold maps, strings and numbers. */
  public static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }

  /**
   * {@code overrides} merged over {@code base}: maps merge key by key, anything else in {@code
   * overrides} (lists included) replaces what {@code base} has, as Helm merges values files.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    if (overrides == null) {
      return merged;
    }
    overrides.forEach(
        (key, value) -> {
          Object current = merged.get(key);
          if (current instanceof Map<?, ?> currentMap && value instanceof Map<?, ?> valueMap) {
            merged.put(
                key, merge((Map<String, Object>) currentMap, (Map<String, Object>) valueMap));
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }

  /**
   * {@code value} as pretty-printed JSON with map keys sorted, for the API payloads configuration
   * Jobs send (Harbor, Elasticsearch): the same value always gives the same bytes.
   */
  public static String json(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
              .configure(
                  com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
                  true)
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(value)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
