package dev.bulwark.policy.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Generates CEL expressions and JSON objects from fuzzer data: a small grammar of the constructs
 * the policy library uses (field selection, indexing, arithmetic, comparison, logic, the standard
 * macros, the string extension), over field names the generated objects share, so that most
 * expressions reach evaluation rather than stopping at a missing key.
 */
final class FuzzedCel {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> FIELDS = List.of("a", "b", "s", "l", "m");
  private static final List<String> BINARY =
      List.of("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "in");
  private static final List<String> METHODS =
      List.of(
          "contains",
          "startsWith",
          "endsWith",
          "matches",
          "split",
          "indexOf",
          "lastIndexOf",
          "replace",
          "lowerAscii",
          "upperAscii",
          "trim",
          "substring",
          "charAt",
          "join",
          "size");
  private static final List<String> MACROS =
      List.of("all", "exists", "exists_one", "map", "filter");
  private static final List<String> CONVERSIONS =
      List.of("int", "double", "string", "size", "type");
  private static final List<String> STRINGS =
      List.of("", "a", "A-b", "x.y", "ab", "\u00e9", ".*", "[");

  private FuzzedCel() {}

  static JsonNode object(FuzzedDataProvider data, int depth) {
    ObjectNode object = NODES.objectNode();
    for (String field : FIELDS) {
      if (data.consumeBoolean()) {
        object.set(field, value(data, depth - 1));
      }
    }
    return object;
  }

  private static JsonNode value(FuzzedDataProvider data, int depth) {
    switch (data.consumeInt(0, depth <= 0 ? 5 : 7)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.booleanNode(data.consumeBoolean());
      case 2:
        return NODES.numberNode(
            data.pickValue(new long[] {0, 1, -1, 7, Long.MAX_VALUE, Long.MIN_VALUE}));
      case 3:
        return NODES.numberNode(data.pickValue(new double[] {0.0, -0.0, 1.5, 1e300, Double.NaN}));
      case 4:
        return NODES.textNode(data.pickValue(STRINGS));
      case 5:
        return NODES.numberNode(data.consumeLong());
      case 6:
        ArrayNode list = NODES.arrayNode();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
          list.add(value(data, depth - 1));
        }
        return list;
      default:
        return object(data, depth - 1);
    }
  }

  static String expression(FuzzedDataProvider data, int depth) {
    if (depth <= 0 || data.remainingBytes() == 0) {
      return atom(data);
    }
    String x = expression(data, depth - 1);
    switch (data.consumeInt(0, 7)) {
      case 0:
        return "(" + x + " " + data.pickValue(BINARY) + " " + expression(data, depth - 1) + ")";
      case 1:
        return "!" + x;
      case 2:
        return "(" + x + " ? " + expression(data, depth - 1) + " : " + expression(data, 1) + ")";
      case 3:
        return x + "." + data.pickValue(MACROS) + "(e, " + expression(data, depth - 1) + ")";
      case 4:
        return method(data, x);
      case 5:
        return data.pickValue(CONVERSIONS) + "(" + x + ")";
      case 6:
        return x + "[" + expression(data, depth - 1) + "]";
      default:
        return "[" + x + ", " + expression(data, depth - 1) + "]";
    }
  }

  private static String method(FuzzedDataProvider data, String receiver) {
    String name = data.pickValue(METHODS);
    return switch (name) {
      case "lowerAscii", "upperAscii", "trim", "size" -> receiver + "." + name + "()";
      case "replace", "substring" ->
          receiver + "." + name + "(" + atom(data) + ", " + atom(data) + ")";
      default -> receiver + "." + name + "(" + atom(data) + ")";
    };
  }

  private static String atom(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 9)) {
      case 0:
        return "object";
      case 1:
        return "object." + data.pickValue(FIELDS);
      case 2:
        return "has(object." + data.pickValue(FIELDS) + ")";
      case 3:
        return "object.m." + data.pickValue(FIELDS);
      case 4:
        return "e";
      case 5:
        return Long.toString(data.consumeLong(-3, 9_223_372_036_854_775_807L));
      case 6:
        return data.consumeInt(0, 3) + ".5";
      case 7:
        return "'" + data.pickValue(STRINGS) + "'";
      case 8:
        return data.pickValue(List.of("true", "false", "null", "[]", "{}", "{'a': 1}"));
      default:
        return "object.l[" + data.consumeInt(-1, 3) + "]";
    }
  }
}
