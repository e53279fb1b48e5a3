package dev.bulwark.api.reference;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.bulwark.api.NotSupportedYet;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every field of a CRD's schema, in schema order, with what a user needs to write it. The schema
 * says types and validation; the Java type beside it says which fields are {@link NotSupportedYet},
 * a mark the schema cannot carry.
 */
final class SchemaFields {

  /**
   * One field of the schema.
   *
   * @param path the field path: {@code spec.environments[].name}, {@code spec.settings.<key>}
   * @param type the schema type in words: {@code string}, {@code array of object}, {@code map of
   *     string}
   * @param required whether the API server refuses the parent object without it
   * @param defaultValue the default the API server fills in, if any
   * @param validation enum, pattern, bounds and CEL rules, in words
   * @param description the schema's description
   * @param notSupported why the field is not supported yet, if it is not
   */
  record Field(
      String path,
      String type,
      boolean required,
      Optional<String> defaultValue,
      List<String> validation,
      String description,
      Optional<String> notSupported) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<Field> fields = new ArrayList<>();

  private SchemaFields() {}

  /**
   * The fields under {@code root}, the {@code openAPIV3Schema} of a CRD whose objects are {@code
   * type}.
   */
  static List<Field> of(JSONSchemaProps root, Class<?> type) {
    SchemaFields walk = new SchemaFields();
    walk.properties(root, MAPPER.constructType(type), "", Optional.empty());
    return List.copyOf(walk.fields);
  }

  private void properties(
      JSONSchemaProps schema, JavaType type, String prefix, Optional<String> inherited) {
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (Map.Entry<String, JSONSchemaProps> entry : properties.entrySet()) {
      String path = prefix + entry.getKey();
      Optional<BeanPropertyDefinition> property = property(type, entry.getKey());
      Optional<String> notSupported =
          inherited.isPresent() ? inherited : property.flatMap(SchemaFields::mark);
      JSONSchemaProps field = entry.getValue();
      fields.add(
          new Field(
              path,
              typeOf(field),
              required.contains(entry.getKey()),
              defaultOf(field),
              validationOf(field),
              description(field),
              notSupported));
      Optional<String> below =
          inherited.isPresent() || notSupported.isEmpty()
              ? inherited
              : Optional.of("see `" + path + "`");
      children(
          field, property.map(BeanPropertyDefinition::getPrimaryType).orElse(null), path, below);
    }
  }

  /** Descends into an object's properties, an array's items and a map's values. */
  private void children(
      JSONSchemaProps field, JavaType type, String path, Optional<String> inherited) {
    if (field.getItems() != null && field.getItems().getSchema() != null) {
      JSONSchemaProps items = field.getItems().getSchema();
      properties(items, content(type), path + "[].", inherited);
    } else if (mapValues(field) != null) {
      properties(mapValues(field), content(type), path + ".<key>.", inherited);
    } else {
      properties(field, type, path + ".", inherited);
    }
  }

  private static JavaType content(JavaType type) {
    return type == null ? null : type.getContentType();
  }

  private static JSONSchemaProps mapValues(JSONSchemaProps field) {
    return field.getAdditionalProperties() == null
        ? null
        : field.getAdditionalProperties().getSchema();
  }

  private static Optional<BeanPropertyDefinition> property(JavaType type, String name) {
    if (type == null || !type.getRawClass().getName().startsWith("dev.bulwark.")) {
      return Optional.empty();
    }
    BeanDescription description = MAPPER.getSerializationConfig().introspect(type);
    return description.findProperties().stream().filter(p -> p.getName().equals(name)).findFirst();
  }

  private static Optional<String> mark(BeanPropertyDefinition property) {
    AnnotatedField field = property.getField();
    NotSupportedYet mark = field == null ? null : field.getAnnotation(NotSupportedYet.class);
    return Optional.ofNullable(mark).map(NotSupportedYet::value);
  }

  private static String typeOf(JSONSchemaProps field) {
    if (Boolean.TRUE.equals(field.getXKubernetesIntOrString())) {
      return "integer or string";
    }
    String type = field.getType() == null ? "any" : field.getType();
    if ("array".equals(type) && field.getItems() != null && field.getItems().getSchema() != null) {
      return "array of " + typeOf(field.getItems().getSchema());
    }
    if ("object".equals(type) && mapValues(field) != null) {
      return "map of " + typeOf(mapValues(field));
    }
    if ("object".equals(type)
        && (field.getProperties() == null || field.getProperties().isEmpty())
        && Boolean.TRUE.equals(field.getXKubernetesPreserveUnknownFields())) {
      return "object (free-form)";
    }
    return field.getFormat() == null ? type : type + " (" + field.getFormat() + ")";
  }

  private static Optional<String> defaultOf(JSONSchemaProps field) {
    JsonNode value = field.getDefault();
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isTextual() ? value.asText() : value.toString());
  }

  private static List<String> validationOf(JSONSchemaProps field) {
    List<String> rules = new ArrayList<>();
    if (field.getEnum() != null && !field.getEnum().isEmpty()) {
      rules.add(
          "one of " + String.join(", ", field.getEnum().stream().map(SchemaFields::text).toList()));
    }
    if (field.getPattern() != null) {
      rules.add("pattern " + Markdown.code(field.getPattern()));
    }
    bound(rules, "minimum", field.getMinimum());
    bound(rules, "maximum", field.getMaximum());
    bound(rules, "min length", field.getMinLength());
    bound(rules, "max length", field.getMaxLength());
    bound(rules, "min items", field.getMinItems());
    bound(rules, "max items", field.getMaxItems());
    if (field.getXKubernetesValidations() != null) {
      for (ValidationRule rule : field.getXKubernetesValidations()) {
        rules.add(
            "rule "
                + Markdown.code(rule.getRule())
                + (rule.getMessage() == null ? "" : ": " + rule.getMessage()));
      }
    }
    return List.copyOf(rules);
  }

  private static void bound(List<String> rules, String name, Number value) {
    if (value != null) {
      double number = value.doubleValue();
      rules.add(
          name
              + " "
              + (number == Math.rint(number)
                  ? String.valueOf(value.longValue())
                  : String.valueOf(number)));
    }
  }

  private static String text(JsonNode value) {
    return Markdown.code(value.isTextual() ? value.asText() : value.toString());
  }

  private static String description(JSONSchemaProps field) {
    return field.getDescription() == null ? "" : field.getDescription();
  }
}
