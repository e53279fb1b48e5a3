package dev.bulwark.policy.engine.eval;

/**
 * A CEL evaluation error (no such key, index out of range, no matching overload, division by zero,
 * overflow). Errors flow through {@code &&}, {@code ||} and comprehensions as values do in
 * cel-java, so they are created often: no stack trace.
 */
public final class EvalError extends RuntimeException {

  EvalError(String message) {
    super(message, null, false, false);
  }

  static EvalError noSuchKey(Object key) {
    return new EvalError("key '" + key + "' is not present in map.");
  }

  static EvalError noOverload(String function, Object... args) {
    StringBuilder types = new StringBuilder();
    for (Object arg : args) {
      types.append(types.isEmpty() ? "" : ", ").append(Values.typeName(arg));
    }
    return new EvalError("no matching overload for '" + function + "' applied to (" + types + ")");
  }

  static EvalError notBoolean(Object value) {
    return new EvalError("expected boolean value, found: " + value);
  }

  static EvalError overflow() {
    return new EvalError("long overflow");
  }
}
