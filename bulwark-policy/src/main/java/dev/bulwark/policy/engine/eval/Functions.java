package dev.bulwark.policy.engine.eval;

import dev.bulwark.policy.engine.CelEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The string functions of the standard library and of the strings extension that the policy library
 * uses, and the int/string/double conversions. Indices and sizes count code points, as in cel-java.
 */
final class Functions {

  private Functions() {}

  /** A string function of a receiver and string arguments. */
  enum StringFunction {
    STARTS_WITH("startsWith", 1),
    ENDS_WITH("endsWith", 1),
    CONTAINS("contains", 1),
    MATCHES("matches", 1),
    LOWER_ASCII("lowerAscii", 0),
    SPLIT("split", 1);

    final String function;
    final int arity;

    StringFunction(String function, int arity) {
      this.function = function;
      this.arity = arity;
    }

    Object apply(String s, String arg) {
      return switch (this) {
        case STARTS_WITH -> s.startsWith(arg);
        case ENDS_WITH -> s.endsWith(arg);
        case CONTAINS -> s.contains(arg);
        case MATCHES -> CelEnvironment.matches(s, arg);
        case LOWER_ASCII -> lowerAscii(s);
        case SPLIT -> split(s, arg);
      };
    }
  }

  record OnString(StringFunction function, Node target, Node arg) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object s = target.eval(frame);
      Object a = arg == null ? "" : arg.eval(frame);
      if (s instanceof String text && a instanceof String argument) {
        return function.apply(text, argument);
      }
      throw arg == null
          ? EvalError.noOverload(function.function, s)
          : EvalError.noOverload(function.function, s, a);
    }
  }

  static String lowerAscii(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = new StringBuilder(s);
        }
        out.setCharAt(i, (char) (c + ('a' - 'A')));
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Splits at every occurrence, keeping empty parts; an empty separator splits into code points.
   */
  static List<Object> split(String s, String separator) {
    List<Object> parts = new ArrayList<>();
    if (separator.isEmpty()) {
      s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
      return Collections.unmodifiableList(parts);
    }
    int from = 0;
    for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
      parts.add(s.substring(from, at));
      from = at + separator.length();
    }
    parts.add(s.substring(from));
    return Collections.unmodifiableList(parts);
  }

  /** {@code list.join()} and {@code list.join(separator)}. */
  record Join(Node target, Node separator) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object list = target.eval(frame);
      Object sep = separator == null ? "" : separator.eval(frame);
      if (!(list instanceof List<?> elements) || !(sep instanceof String glue)) {
        throw EvalError.noOverload("join", list, sep);
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < elements.size(); i++) {
        Object element = elements.get(i);
        if (element instanceof List<?> || element instanceof Map<?, ?>) {
          // cel-java joins their Java text, whose order depends on the collection class.
          throw new NotCovered("join of a list or map element");
        }
        // cel-java (Guava's Joiner) joins the Java text of a number, bool or null too.
        out.append(i == 0 ? "" : glue).append(element);
      }
      return out.toString();
    }
  }

  /** {@code s.substring(start)} and {@code s.substring(start, end)}, in code points. */
  record Substring(Node target, Node start, Node end) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object s = target.eval(frame);
      Object from = start.eval(frame);
      Object to = end == null ? null : end.eval(frame);
      if (!(s instanceof String text)
          || !(from instanceof Long b)
          || (end != null && !(to instanceof Long))) {
        throw end == null
            ? EvalError.noOverload("substring", s, from)
            : EvalError.noOverload("substring", s, from, to);
      }
      int length = text.codePointCount(0, text.length());
      long e = end == null ? length : (Long) to;
      if (b < 0 || e > length || b > e) {
        throw new EvalError(
            "substring failure: range ["
                + b
                + ", "
                + e
                + ") out of bounds of a string of "
                + length
                + " code points");
      }
      return text.substring(
          text.offsetByCodePoints(0, (int) (long) b), text.offsetByCodePoints(0, (int) e));
    }
  }

  /** {@code int(x)} of an int, a string (Java's long syntax, as cel-java) or a double. */
  record ToInt(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      switch (v) {
        case Long l -> {
          return l;
        }
        case String s -> {
          try {
            return Long.parseLong(s);
          } catch (NumberFormatException e) {
            throw new EvalError("cannot convert '" + s + "' to int");
          }
        }
        case Double d -> {
          if (!(Math.abs(d) < 9.0e18)) {
            throw new NotCovered("int() of a double near or beyond the int range");
          }
          return (long) (double) d;
        }
        default -> throw EvalError.noOverload("int", v);
      }
    }
  }

  /** {@code string(x)} of a string, an int or a bool; other types go to cel-java. */
  record ToStringValue(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      if (v instanceof String || v instanceof Long || v instanceof Boolean) {
        return v.toString();
      }
      throw new NotCovered("string() of " + Values.typeName(v));
    }
  }

  /** {@code double(x)} of a double or an int; other types go to cel-java. */
  record ToDouble(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      if (v instanceof Double) {
        return v;
      }
      if (v instanceof Long l) {
        return (double) l;
      }
      throw new NotCovered("double() of " + Values.typeName(v));
    }
  }
}
