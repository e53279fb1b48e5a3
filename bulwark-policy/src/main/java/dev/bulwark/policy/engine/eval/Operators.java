package dev.bulwark.policy.engine.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Equality, ordering, membership and arithmetic. */
final class Operators {

  private Operators() {}

  record Equals(Node left, Node right, boolean negated) implements Node {
    @Override
    public Object eval(Frame frame) {
      return Values.equal(left.eval(frame), right.eval(frame)) != negated;
    }
  }

  /** The ordering operators; {@code accept} says which signs of (left - right) make it true. */
  enum Ordering {
    LESS("_<_"),
    LESS_EQUALS("_<=_"),
    GREATER("_>_"),
    GREATER_EQUALS("_>=_");

    final String function;

    Ordering(String function) {
      this.function = function;
    }

    boolean accept(int sign) {
      return switch (this) {
        case LESS -> sign < 0;
        case LESS_EQUALS -> sign <= 0;
        case GREATER -> sign > 0;
        case GREATER_EQUALS -> sign >= 0;
      };
    }
  }

  record Compare(Ordering ordering, Node left, Node right) implements Node {
    @Override
    public Object eval(Frame frame) {
      Integer sign = Values.compare(ordering.function, left.eval(frame), right.eval(frame));
      return sign != null && ordering.accept(sign);
    }
  }

  /** {@code element in container}: list membership by CEL equality, or a map key. */
  record In(Node element, Node container) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object e = element.eval(frame);
      Object c = container.eval(frame);
      if (c instanceof List<?> list) {
        return Values.inList(e, list);
      }
      if (c instanceof Map<?, ?> map) {
        if (e instanceof String key) {
          return map.containsKey(key);
        }
        Values.checkNonStringKey(map, e);
        return false;
      }
      throw EvalError.noOverload("@in", e, c);
    }
  }

  enum Arithmetic {
    ADD("_+_"),
    SUBTRACT("_-_"),
    MULTIPLY("_*_"),
    DIVIDE("_/_"),
    MODULO("_%_");

    final String function;

    Arithmetic(String function) {
      this.function = function;
    }

    Object apply(Object a, Object b) {
      if (a instanceof Long x && b instanceof Long y) {
        return ints(x, y);
      }
      if (a instanceof Double x && b instanceof Double y && this != MODULO) {
        return switch (this) {
          case ADD -> x + y;
          case SUBTRACT -> x - y;
          case MULTIPLY -> x * y;
          default -> x / y;
        };
      }
      if (this == ADD && a instanceof String x && b instanceof String y) {
        return x.concat(y);
      }
      if (this == ADD && a instanceof List<?> x && b instanceof List<?> y) {
        return concat(x, y);
      }
      throw EvalError.noOverload(function, a, b);
    }

    private Long ints(long x, long y) {
      try {
        return switch (this) {
          case ADD -> Math.addExact(x, y);
          case SUBTRACT -> Math.subtractExact(x, y);
          case MULTIPLY -> Math.multiplyExact(x, y);
          case DIVIDE -> divide(x, y);
          case MODULO -> modulo(x, y);
        };
      } catch (ArithmeticException e) {
        throw EvalError.overflow();
      }
    }

    private static long divide(long x, long y) {
      if (y == 0) {
        throw new EvalError("division by zero");
      }
      if (x == Long.MIN_VALUE && y == -1) {
        throw EvalError.overflow();
      }
      return x / y;
    }

    private static long modulo(long x, long y) {
      if (y == 0) {
        throw new EvalError("modulus by zero");
      }
      if (x == Long.MIN_VALUE && y == -1) {
        throw new NotCovered("MIN_VALUE % -1");
      }
      return x % y;
    }
  }

  static List<Object> concat(List<?> a, List<?> b) {
    if (b.isEmpty()) {
      return Collections.unmodifiableList(a);
    }
    if (a.isEmpty()) {
      return Collections.unmodifiableList(b);
    }
    List<Object> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return Collections.unmodifiableList(out);
  }

  record Binary(Arithmetic op, Node left, Node right) implements Node {
    @Override
    public Object eval(Frame frame) {
      return op.apply(left.eval(frame), right.eval(frame));
    }
  }

  record Negate(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      if (v instanceof Long l) {
        if (l == Long.MIN_VALUE) {
          throw EvalError.overflow();
        }
        return -l;
      }
      if (v instanceof Double d) {
        return -d;
      }
      throw EvalError.noOverload("-_", v);
    }
  }

  record Size(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      return switch (v) {
        case String s -> (long) s.codePointCount(0, s.length());
        case List<?> l -> (long) l.size();
        case Map<?, ?> m -> (long) m.size();
        default -> throw EvalError.noOverload("size", v);
      };
    }
  }
}
