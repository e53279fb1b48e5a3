package dev.bulwark.policy.engine.eval;

/**
 * One node of a compiled CEL expression. Evaluating a node allocates nothing but the values it
 * produces: no intermediate result wrappers, no per-call dispatch over overloads.
 */
@FunctionalInterface
interface Node {

  /**
   * The node's value; a CEL evaluation error is thrown as an {@link EvalError} (or whatever a
   * variable's lazy computation throws), a case this evaluator does not model as {@link
   * NotCovered}.
   */
  Object eval(Frame frame);
}
