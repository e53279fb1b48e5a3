package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a structural schema's {@code default}s the way the apiserver does before it validates a
 * custom resource: first the {@code null}s of non-nullable fields that have no default are dropped,
 * then every missing field (or non-nullable {@code null}) whose schema has a default gets a copy of
 * it, top-down, so defaults inside a defaulted object apply too. Only the main structure is walked
 * ({@code properties}, schema-valued {@code additionalProperties}, {@code items}); a default never
 * creates a parent object that is absent.
 */
public final class SchemaDefaults {

  private SchemaDefaults() {}

  /** A defaulted deep copy of {@code value}; the input is not changed. */
  public static JsonNode apply(JsonNode schema, JsonNode value) {
    JsonNode copy = value.deepCopy();
    pruneNulls(schema, copy);
    fill(schema, copy);
    return copy;
  }

  private static void pruneNulls(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      List<String> drop = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode child = childSchema(schema, field.getKey());
        if (field.getValue().isNull()) {
          if (child != null && !child.path("nullable").asBoolean(false) && !child.has("default")) {
            drop.add(field.getKey());
          }
        } else if (child != null) {
          pruneNulls(child, field.getValue());
        }
      }
      drop.forEach(object::remove);
    } else if (value instanceof ArrayNode array && schema.path("items").isObject()) {
      array.forEach(item -> pruneNulls(schema.get("items"), item));
    }
  }

  private static void fill(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
        JsonNode propertySchema = property.getValue();
        JsonNode current = object.get(property.getKey());
        if (propertySchema.has("default")
            && (current == null || nonNullableNull(current, propertySchema))) {
          object.set(property.getKey(), propertySchema.get("default").deepCopy());
        }
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode child = childSchema(schema, field.getKey());
        if (child != null) {
          fill(child, field.getValue());
        }
      }
    } else if (value instanceof ArrayNode array && schema.path("items").isObject()) {
      JsonNode items = schema.get("items");
      for (int i = 0; i < array.size(); i++) {
        if (items.has("default") && nonNullableNull(array.get(i), items)) {
          array.set(i, items.get("default").deepCopy());
        }
        fill(items, array.get(i));
      }
    }
  }

  private static boolean nonNullableNull(JsonNode value, JsonNode schema) {
    return value.isNull() && !schema.path("nullable").asBoolean(false);
  }

  private static JsonNode childSchema(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").get(name);
    if (property != null) {
      return property;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }
}
