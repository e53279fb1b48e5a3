package dev.bulwark.policy.engine;

/**
 * Which runtime evaluates the library's CEL. Both compile with cel-java's parser and checker; the
 * choice exists so that both can run in one process (the differential test, the benchmark).
 */
public enum EvaluationRuntime {
  /**
   * Bulwark's own tree-walking evaluator (see ADR 0011), with the cel-java program as fallback for
   * any expression or value it does not cover. The default.
   */
  COMPILED,
  /** cel-java's interpreter for every expression: the reference semantics. */
  CEL_JAVA
}
