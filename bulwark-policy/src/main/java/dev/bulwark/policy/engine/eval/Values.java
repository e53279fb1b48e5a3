package dev.bulwark.policy.engine.eval;

import dev.cel.common.values.NullValue;
import java.util.List;
import java.util.Map;

/**
 * CEL semantics over the values CelValues produces: {@code Map<String, Object>}, {@code
 * List<Object>}, String, Long, Double, Boolean and {@link NullValue#NULL_VALUE}. Where cel-java's
 * behaviour was measured to differ from a plain reading of the spec, cel-java wins (it is the
 * reference): an int and a double compare by converting the int to double.
 */
final class Values {

  private Values() {}

  /** The CEL type name, for error messages. */
  static String typeName(Object value) {
    return switch (value) {
      case null -> "null";
      case Long l -> "int";
      case Double d -> "double";
      case String s -> "string";
      case Boolean b -> "bool";
      case NullValue n -> "null_type";
      case List<?> l -> "list";
      case Map<?, ?> m -> "map";
      default -> value.getClass().getSimpleName();
    };
  }

  /** CEL equality: heterogeneous numbers compare by value, lists and maps element by element. */
  static boolean equal(Object a, Object b) {
    if (a instanceof String s) {
      return s.equals(b);
    }
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      return b instanceof Double y && (double) x == y;
    }
    if (a instanceof Double x) {
      if (b instanceof Double y) {
        return x.doubleValue() == y.doubleValue();
      }
      return b instanceof Long y && x == (double) y;
    }
    if (a instanceof Boolean || a instanceof NullValue) {
      return a.equals(b);
    }
    if (a instanceof List<?> x) {
      return b instanceof List<?> y && listsEqual(x, y);
    }
    if (a instanceof Map<?, ?> x) {
      return b instanceof Map<?, ?> y && mapsEqual(x, y);
    }
    throw new NotCovered("equality of " + typeName(a));
  }

  private static boolean listsEqual(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!elementsEqual(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<?, ?> e : a.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new NotCovered("map equality with a non-string key");
      }
      Object other = b.get(key);
      if (other == null || !elementsEqual(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Equality of two elements of lists or maps. cel-java finds a NaN inside a container equal to a
   * NaN at the same place although NaN != NaN (found by the CEL differential fuzz test): not
   * modelled, left to cel-java.
   */
  private static boolean elementsEqual(Object a, Object b) {
    if (a instanceof Double x && x.isNaN() || b instanceof Double y && y.isNaN()) {
      throw new NotCovered("NaN inside a list or map");
    }
    return equal(a, b);
  }

  /** {@code a in list}: CEL equality against each element. */
  static boolean inList(Object a, List<?> list) {
    if (a instanceof Double d && d.isNaN()) {
      // cel-java finds NaN in a list holding NaN although NaN != NaN: not modelled.
      throw new NotCovered("NaN in a list");
    }
    for (Object element : list) {
      if (equal(a, element)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that a key which is not a string cannot be in the map because all its keys are strings
   * (as in every map from CelValues, a literal or the variables): no number, bool or null equals a
   * string key, so cel-java answers {@code in} false and an index "no such key". A map with other
   * keys, or a list or map as key, is left to cel-java, which normalises numeric keys.
   */
  static void checkNonStringKey(Map<?, ?> map, Object key) {
    if (!(key instanceof Long
        || key instanceof Double
        || key instanceof Boolean
        || key instanceof NullValue)) {
      throw new NotCovered("map key of type " + typeName(key));
    }
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        throw new NotCovered("map with a non-string key");
      }
    }
  }

  /**
   * The sign of {@code a - b} for CEL's ordering operators; {@code null} when unordered (NaN).
   * Throws "no matching overload" for types that have no order.
   */
  static Integer compare(String function, Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      // NaN is unordered. (Written as one conditional, the null unboxed to an int and threw: the
      // CEL differential fuzz test found it.)
      if (Double.isNaN(x) || Double.isNaN(y)) {
        if (a instanceof Long || b instanceof Long) {
          // cel-java orders NaN above every int (but leaves it unordered against a double): not
          // worth imitating, so left to cel-java like the other cases of ADR 0011.
          throw new NotCovered("NaN compared with an int");
        }
        return null;
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof String x && b instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw EvalError.noOverload(function, a, b);
  }

  /** The value as a CEL bool, or the error cel-java raises for a non-bool operand. */
  static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw EvalError.notBoolean(value);
  }
}
