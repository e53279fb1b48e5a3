package dev.bulwark.policy.engine.eval;

import dev.cel.runtime.CelVariableResolver;

/**
 * A CEL expression compiled by {@link CelCompiler}. Thread-safe: all evaluation state is in a
 * {@link Frame} of its own.
 */
public final class CompiledCel {

  private final Node root;
  private final int slots;

  CompiledCel(Node root, int slots) {
    this.root = root;
    this.slots = slots;
  }

  /**
   * Evaluates the expression over the activation.
   *
   * @throws EvalError where cel-java raises an evaluation error
   * @throws NotCovered when the values hit a case this evaluator leaves to cel-java; the caller
   *     must then evaluate the expression with cel-java
   */
  public Object eval(CelVariableResolver activation) {
    return root.eval(new Frame(activation, slots));
  }
}
