package dev.bulwark.policy.engine.eval;

/**
 * A runtime case this evaluator deliberately does not model (for example joining a list that holds
 * lists, or a NaN in {@code in}): the caller evaluates the whole expression with cel-java instead,
 * so such cases can never change a result. Expressions are pure, so re-evaluating is safe.
 */
public final class NotCovered extends RuntimeException {

  NotCovered(String what) {
    super(what, null, false, false);
  }
}
