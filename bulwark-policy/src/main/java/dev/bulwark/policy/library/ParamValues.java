package dev.bulwark.policy.library;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values as plain Java: String, Boolean, Long, Double, List and Map. The same values are
 * handed to CEL in-process, written as a CEL literal into ValidatingAdmissionPolicies and as
 * parameters into Gatekeeper Constraints.
 */
public final class ParamValues {

  private ParamValues() {}

  public static Object fromJson(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(fromJson(n)));
      return List.copyOf(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
      return map;
    }
    throw new IllegalArgumentException("a parameter value must not be null");
  }

  /**
   * The value as a CEL literal, for example {@code {'domain': dyn('example.com'), 'hosts':
   * dyn(['a'])}}.
   */
  public static String toCel(Object value) {
    return switch (value) {
      case String s -> quote(s);
      case Boolean b -> b.toString();
      case Long l -> l.toString();
      case Integer i -> i.toString();
      case Double d -> d.toString();
      case List<?> list ->
          "[" + String.join(", ", list.stream().map(ParamValues::toCel).toList()) + "]";
      // Kubernetes' type checker wants one value type per map literal: dyn() makes them agree.
      case Map<?, ?> map ->
          "{"
              + String.join(
                  ", ",
                  map.entrySet().stream()
                      .sorted(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())))
                      .map(
                          e ->
                              quote(String.valueOf(e.getKey()))
                                  + ": dyn("
                                  + toCel(e.getValue())
                                  + ")")
                      .toList())
              + "}";
      default ->
          throw new IllegalArgumentException(
              "cannot write " + value.getClass().getSimpleName() + " as CEL");
    };
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * Parses a command-line override {@code value} for a parameter whose default is {@code
   * defaultValue}: a list default takes comma-separated items, a boolean default true/false.
   */
  public static Object parseOverride(String name, String value, Object defaultValue) {
    return switch (defaultValue) {
      case List<?> ignored ->
          value.isBlank()
              ? List.of()
              : List.copyOf(
                  java.util.Arrays.stream(value.split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList());
      case Boolean ignored ->
          switch (value) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException(
                    "parameter " + name + " takes true or false, got '" + value + "'");
          };
      case Long ignored -> {
        try {
          yield Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "parameter " + name + " takes a whole number, got '" + value + "'", e);
        }
      }
      case java.util.Map<?, ?> ignored ->
          throw new IllegalArgumentException(
              "parameter "
                  + name
                  + " is a map that the render fills in from the spec; it cannot be set on the command line");
      default -> value;
    };
  }
}
