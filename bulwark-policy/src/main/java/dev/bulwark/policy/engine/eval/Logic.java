package dev.bulwark.policy.engine.eval;

/**
 * The logical operators. {@code &&} and {@code ||} are commutative over errors, as in the CEL spec
 * and cel-java: {@code false && error} and {@code error && false} are false, {@code true || error}
 * and {@code error || true} are true. As measured on cel-java, an operand that evaluates to a
 * non-bool value is an error at once (it is not absorbed), while an operand whose evaluation fails
 * is absorbed.
 */
final class Logic {

  private Logic() {}

  /** Evaluates an operand, returning the failure instead of throwing it. */
  static Object evalNonStrict(Node node, Frame frame) {
    try {
      return node.eval(frame);
    } catch (NotCovered e) {
      throw e;
    } catch (RuntimeException e) {
      return new Frame.Failed(e);
    }
  }

  record And(Node left, Node right) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object l = evalNonStrict(left, frame);
      if (!(l instanceof Frame.Failed) && !Values.bool(l)) {
        return false;
      }
      Object r = evalNonStrict(right, frame);
      if (r instanceof Frame.Failed failed) {
        throw l instanceof Frame.Failed first ? first.error() : failed.error();
      }
      if (!Values.bool(r)) {
        return false;
      }
      if (l instanceof Frame.Failed failed) {
        throw failed.error();
      }
      return true;
    }
  }

  record Or(Node left, Node right) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object l = evalNonStrict(left, frame);
      if (!(l instanceof Frame.Failed) && Values.bool(l)) {
        return true;
      }
      Object r = evalNonStrict(right, frame);
      if (r instanceof Frame.Failed failed) {
        throw l instanceof Frame.Failed first ? first.error() : failed.error();
      }
      if (Values.bool(r)) {
        return true;
      }
      if (l instanceof Frame.Failed failed) {
        throw failed.error();
      }
      return false;
    }
  }

  record Not(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = operand.eval(frame);
      if (v instanceof Boolean b) {
        return !b;
      }
      throw EvalError.noOverload("!_", v);
    }
  }

  record Conditional(Node condition, Node then, Node otherwise) implements Node {
    @Override
    public Object eval(Frame frame) {
      return Values.bool(condition.eval(frame)) ? then.eval(frame) : otherwise.eval(frame);
    }
  }

  /**
   * The loop condition of the all and exists macros: true unless the accumulator is false, so an
   * error keeps the loop going (a later element may still decide the result).
   */
  record NotStrictlyFalse(Node operand) implements Node {
    @Override
    public Object eval(Frame frame) {
      Object v = evalNonStrict(operand, frame);
      return !(v instanceof Boolean b) || b;
    }
  }
}
