package dev.bulwark.policy.engine.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Constants, identifiers, field selection, presence tests, indexing and literals. */
final class Access {

  private Access() {}

  record Constant(Object value) implements Node {
    @Override
    public Object eval(Frame frame) {
      return value;
    }
  }

  /** A variable of the activation, resolved once per evaluation into its slot. */
  record Root(String name, int slot) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object value = frame.slots[slot];
      if (value == null) {
        value =
            frame
                .resolver
                .find(name)
                .orElseThrow(() -> new EvalError("no value with name '" + name + "' found"));
        frame.slots[slot] = value;
      }
      return value;
    }
  }

  /** A comprehension variable (iteration element or accumulator). */
  record Local(int slot) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object value = frame.slots[slot];
      if (value instanceof Frame.Failed failed) {
        throw failed.error();
      }
      return value;
    }
  }

  /** {@code operand.field}: a map lookup; a missing key is an error, as in cel-java. */
  record Select(Node operand, String field) implements Node {
    @Override
    public Object eval(Frame frame) {
      return get(operand.eval(frame), field);
    }

    static Object get(Object target, String field) {
      if (target instanceof Map<?, ?> map) {
        Object value = map.get(field);
        if (value == null) {
          throw EvalError.noSuchKey(field);
        }
        return value;
      }
      throw notAMap(field);
    }
  }

  /** {@code has(operand.field)}: presence of a map key; an error on anything but a map. */
  record Has(Node operand, String field) implements Node {
    @Override
    public Object eval(Frame frame) {
      if (operand.eval(frame) instanceof Map<?, ?> map) {
        return map.containsKey(field);
      }
      throw notAMap(field);
    }
  }

  static EvalError notAMap(String field) {
    return new EvalError(
        "Error resolving field '"
            + field
            + "'. Field selections must be performed on messages or maps.");
  }

  /** {@code operand[index]} on a list (int index) or a map (string key). */
  record Index(Node operand, Node index) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object target = operand.eval(frame);
      Object key = index.eval(frame);
      if (target instanceof List<?> list) {
        if (key instanceof Long i) {
          if (i < 0 || i >= list.size()) {
            throw new EvalError("index out of bounds: " + i);
          }
          return list.get((int) (long) i);
        }
        if (key instanceof Double) {
          throw new NotCovered("list index by a double");
        }
      } else if (target instanceof Map<?, ?> map) {
        if (key instanceof String s) {
          return Select.get(map, s);
        }
        Values.checkNonStringKey(map, key);
        throw EvalError.noSuchKey(key);
      }
      throw EvalError.noOverload("_[_]", target, key);
    }
  }

  record ListLiteral(Node[] elements) implements Node {
    @Override
    public Object eval(Frame frame) {
      List<Object> list = new ArrayList<>(elements.length);
      for (Node element : elements) {
        list.add(element.eval(frame));
      }
      return Collections.unmodifiableList(list);
    }
  }

  /** A map literal; the compiler admits only distinct string-constant keys. */
  record MapLiteral(String[] keys, Node[] values) implements Node {
    @Override
    public Object eval(Frame frame) {
      if (keys.length == 0) {
        return Map.of();
      }
      Map<String, Object> map = new HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i], values[i].eval(frame));
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
