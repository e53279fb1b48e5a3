package dev.bulwark.spec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.bulwark.api.NotSupportedYet;
import dev.bulwark.spec.schema.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fields a document sets that the API types mark {@link NotSupportedYet}. It walks the
 * Java type tree and the JSON tree together, using Jackson's own view of the types (so property
 * names are the JSON names), into lists, maps and every Bulwark type; it does not descend into
 * Kubernetes' or the JDK's types, which carry no such marks.
 */
final class NotSupportedFields {

  /**
   * A field that is set but not supported yet.
   *
   * @param path where the field is
   * @param reason the annotation's explanation
   */
  record Finding(FieldPath path, String reason) {

    /** The message the user sees. */
    String message() {
      return "field `" + path.display() + "` is not supported yet: " + reason;
    }
  }

  private record Property(String name, JavaType type, String notSupported) {}

  private static final String WALKED_PACKAGE = "dev.bulwark.";

  private final ObjectMapper mapper;
  private final Map<JavaType, List<Property>> properties = new ConcurrentHashMap<>();

  NotSupportedFields(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Every set field under {@code value} (a document of {@code type}) that is not supported yet. */
  List<Finding> find(Class<?> type, JsonNode value) {
    List<Finding> findings = new ArrayList<>();
    walk(mapper.constructType(type), value, FieldPath.root(), findings);
    return findings;
  }

  private void walk(JavaType type, JsonNode value, FieldPath at, List<Finding> findings) {
    if (value == null || value.isNull()) {
      return;
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      for (int i = 0; value.isArray() && i < value.size(); i++) {
        walk(type.getContentType(), value.get(i), at.index(i), findings);
      }
    } else if (type.isMapLikeType()) {
      for (Map.Entry<String, JsonNode> entry :
          value.isObject() ? value.properties() : Map.<String, JsonNode>of().entrySet()) {
        walk(type.getContentType(), entry.getValue(), at.key(entry.getKey()), findings);
      }
    } else if (value.isObject() && type.getRawClass().getName().startsWith(WALKED_PACKAGE)) {
      for (Property property : propertiesOf(type)) {
        JsonNode child = value.get(property.name());
        if (child == null || child.isNull()) {
          continue;
        }
        if (property.notSupported() != null) {
          findings.add(new Finding(at.key(property.name()), property.notSupported()));
        } else {
          walk(property.type(), child, at.key(property.name()), findings);
        }
      }
    }
  }

  private List<Property> propertiesOf(JavaType type) {
    return properties.computeIfAbsent(
        type,
        t -> {
          BeanDescription description = mapper.getDeserializationConfig().introspect(t);
          List<Property> result = new ArrayList<>();
          for (BeanPropertyDefinition definition : description.findProperties()) {
            AnnotatedField field = definition.getField();
            NotSupportedYet mark =
                field == null ? null : field.getAnnotation(NotSupportedYet.class);
            result.add(
                new Property(
                    definition.getName(),
                    definition.getPrimaryType(),
                    mark == null ? null : mark.value()));
          }
          return List.copyOf(result);
        });
  }
}
