package dev.bulwark.policy.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} of a policy, computed on first use as the API server does. Values of shared
 * variables depend on the object only, so they are cached per object across policies; policy-local
 * ones per policy evaluation.
 */
final class LazyVariables extends AbstractMap<String, Object> {

  private final Layout layout;
  private final Object[] sharedValues;
  private final Object[] local;
  private final Object params;
  private CelVariableResolver activation;

  /**
   * @param sharedValues the values of the shared variables computed so far for this object, by
   *     {@link Slot#index}; filled in as they are computed
   */
  LazyVariables(Layout layout, Object[] sharedValues, Object params) {
    this.layout = layout;
    this.sharedValues = sharedValues;
    this.local = new Object[layout.localCount()];
    this.params = params;
  }

  void bind(CelVariableResolver activation) {
    this.activation = activation;
  }

  @Override
  public boolean containsKey(Object key) {
    return "params".equals(key) || layout.slots().containsKey(key);
  }

  @Override
  public Object get(Object key) {
    if ("params".equals(key)) {
      return params;
    }
    Slot slot = layout.slots().get(key);
    if (slot == null) {
      return null;
    }
    Object[] values = slot.shared() ? sharedValues : local;
    Object value = values[slot.index()];
    if (value == null) {
      value = compute((String) key, slot.expression());
      values[slot.index()] = value;
    }
    if (value instanceof VariableError e) {
      throw e.exception;
    }
    return value;
  }

  private Object compute(String name, PolicyExpression expression) {
    try {
      return expression.eval(activation);
    } catch (CelEvaluationException e) {
      return new VariableError(
          new VariableException("variables." + name + ": " + e.getMessage(), e));
    } catch (VariableException e) {
      return new VariableError(e);
    }
  }

  /**
   * Where a variable's value is kept: shared variables in the per-object array (their index is the
   * same for every policy), policy-local ones in the per-evaluation array. One map lookup per
   * {@code variables.x}, where a map per cache cost several.
   */
  record Slot(PolicyExpression expression, boolean shared, int index) {}

  /** The variables of one compiled policy, in order, with their slots. */
  record Layout(Map<String, Slot> slots, int localCount) {

    static Layout of(Map<String, PolicyExpression> expressions, Map<String, Integer> sharedIndex) {
      Map<String, Slot> slots = new LinkedHashMap<>();
      int local = 0;
      for (Map.Entry<String, PolicyExpression> e : expressions.entrySet()) {
        Integer shared = sharedIndex.get(e.getKey());
        slots.put(
            e.getKey(),
            shared != null
                ? new Slot(e.getValue(), true, shared)
                : new Slot(e.getValue(), false, local++));
      }
      return new Layout(Collections.unmodifiableMap(slots), local);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> entries = new LinkedHashSet<>();
    entries.add(new SimpleImmutableEntry<>("params", params));
    for (String name : layout.slots().keySet()) {
      entries.add(new SimpleImmutableEntry<>(name, get(name)));
    }
    return entries;
  }

  /** A variable failed to evaluate; the expression that read it fails with the same reason. */
  static final class VariableException extends RuntimeException {
    VariableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record VariableError(VariableException exception) {}
}
