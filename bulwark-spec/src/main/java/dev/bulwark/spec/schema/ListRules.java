package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The uniqueness rules of arrays: {@code uniqueItems}, and Kubernetes' list types {@code
 * x-kubernetes-list-type: set} (items unique) and {@code map} (items unique by their {@code
 * x-kubernetes-list-map-keys}), which the apiserver enforces because server-side apply merges such
 * lists item by item.
 */
final class ListRules {

  private ListRules() {}

  static void check(JsonNode schema, JsonNode array, FieldPath at, List<SchemaError> out) {
    String listType = schema.path("x-kubernetes-list-type").asText("");
    if (schema.path("uniqueItems").asBoolean(false) || listType.equals("set")) {
      unique(array, at, out, item -> item, "items");
    }
    if (listType.equals("map")) {
      List<String> keys = new ArrayList<>();
      schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      if (!keys.isEmpty()) {
        unique(array, at, out, item -> keyOf(item, keys), "values of " + String.join(", ", keys));
      }
    }
  }

  private static JsonNode keyOf(JsonNode item, List<String> keys) {
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    for (String name : keys) {
      key.set(
          name,
          item.path(name).isMissingNode() ? JsonNodeFactory.instance.nullNode() : item.get(name));
    }
    return key;
  }

  private static void unique(
      JsonNode array,
      FieldPath at,
      List<SchemaError> out,
      java.util.function.UnaryOperator<JsonNode> identity,
      String what) {
    List<JsonNode> seen = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode id = identity.apply(array.get(i));
      for (int j = 0; j < seen.size(); j++) {
        if (Values.same(seen.get(j), id)) {
          out.add(
              new SchemaError(
                  at.index(i),
                  "uniqueItems",
                  "unique " + what,
                  "a duplicate of " + at.index(j).display(),
                  null));
          break;
        }
      }
      seen.add(id);
    }
  }
}
