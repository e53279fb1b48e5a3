package dev.bulwark.policy.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} of a policy, computed on first use as the API server does. Values of
 * shared variables depend on the object only, so they are cached per object across policies;
 * policy-local ones per policy evaluation.
 */
final class LazyVariables extends AbstractMap<String, Object> {

  private final Map<String, CelRuntime.Program> programs;
  private final Set<String> shared;
  private final Map<String, Object> sharedCache;
  private final Map<String, Object> local = new HashMap<>();
  private final Object params;
  private CelVariableResolver activation;

  LazyVariables(Map<String, CelRuntime.Program> programs, Set<String> shared, Map<String, Object> sharedCache, Object params) {
    this.programs = programs;
    this.shared = shared;
    this.sharedCache = sharedCache;
    this.params = params;
  }

  void bind(CelVariableResolver activation) {
    this.activation = activation;
  }

  @Override
  public boolean containsKey(Object key) {
    return "params".equals(key) || programs.containsKey(key);
  }

  @Override
  public Object get(Object key) {
    if ("params".equals(key)) {
      return params;
    }
    CelRuntime.Program program = programs.get(key);
    if (program == null) {
      return null;
    }
    String name = (String) key;
    Map<String, Object> cache = shared.contains(name) ? sharedCache : local;
    Object value = cache.get(name);
    if (value == null) {
      value = compute(name, program);
      cache.put(name, value);
    }
    if (value instanceof VariableError e) {
      throw e.exception;
    }
    return value;
  }

  private Object compute(String name, CelRuntime.Program program) {
    try {
      return program.eval(activation);
    } catch (CelEvaluationException e) {
      return new VariableError(new VariableException("variables." + name + ": " + e.getMessage(), e));
    } catch (VariableException e) {
      return new VariableError(e);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> entries = new LinkedHashSet<>();
    entries.add(new SimpleImmutableEntry<>("params", params));
    for (String name : programs.keySet()) {
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
