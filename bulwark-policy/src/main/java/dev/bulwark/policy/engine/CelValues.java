package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson trees into the Java values CEL evaluates over. Map entries whose value is null are
 * dropped, as the API server drops them when it decodes a typed object, so that {@code has()}
 * answers the same in-process and at admission.
 */
public final class CelValues {

  private CelValues() {}

  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new HashMap<>(Math.max(4, node.size() * 2));
      for (var e : node.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), of(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(n -> list.add(of(n)));
      return Collections.unmodifiableList(list);
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      // Not a conditional expression: its numeric promotion turned every int into a double.
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  /**
   * A parameter value (see ParamValues) as a CEL value: ints widen to long, maps and lists copy.
   */
  public static Object ofParam(Object value) {
    return switch (value) {
      case Integer i -> i.longValue();
      case List<?> list -> list.stream().map(CelValues::ofParam).toList();
      case Map<?, ?> map -> {
        Map<String, Object> out = new HashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), ofParam(v)));
        yield Collections.unmodifiableMap(out);
      }
      default -> value;
    };
  }
}
