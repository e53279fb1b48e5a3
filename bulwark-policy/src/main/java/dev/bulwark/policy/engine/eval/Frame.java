package dev.bulwark.policy.engine.eval;

import dev.cel.runtime.CelVariableResolver;

/**
 * The state of one evaluation: the activation and one slot per root variable (resolved on first
 * read) and per comprehension variable. Slots are numbered at compile time, so a comprehension
 * needs no scope map of its own.
 */
final class Frame {

  final CelVariableResolver resolver;
  final Object[] slots;

  Frame(CelVariableResolver resolver, int slotCount) {
    this.resolver = resolver;
    this.slots = new Object[slotCount];
  }

  /**
   * A comprehension accumulator that holds an error: CEL keeps evaluating the loop (a later {@code
   * ||} or {@code &&} step may absorb it) and raises it only when it is read.
   */
  record Failed(RuntimeException error) {}
}
