package dev.bulwark.policy.engine.eval;

import dev.bulwark.policy.engine.eval.Functions.StringFunction;
import dev.bulwark.policy.engine.eval.Operators.Arithmetic;
import dev.bulwark.policy.engine.eval.Operators.Ordering;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;

/** Compiles calls: operators, macros' helpers and functions, by name and arity. */
final class Calls {

  private Calls() {}

  static Node call(CelCompiler compiler, long id, CelExpr.CelCall call) {
    List<Node> args = new ArrayList<>();
    call.target().ifPresent(t -> args.add(compiler.node(t)));
    for (CelExpr arg : call.args()) {
      args.add(compiler.node(arg));
    }
    boolean member = call.target().isPresent();
    Node node = member ? member(call.function(), args) : global(call.function(), args);
    if (node == null) {
      throw CelCompiler.unsupported(
          (member ? "member " : "") + call.function() + "/" + args.size());
    }
    return node;
  }

  private static Node global(String function, List<Node> a) {
    return switch (a.size()) {
      case 1 -> unary(function, a.get(0));
      case 2 -> binary(function, a.get(0), a.get(1));
      case 3 ->
          "_?_:_".equals(function) ? new Logic.Conditional(a.get(0), a.get(1), a.get(2)) : null;
      default -> null;
    };
  }

  private static Node unary(String function, Node x) {
    return switch (function) {
      case "!_" -> new Logic.Not(x);
      case "-_" -> new Operators.Negate(x);
      case "@not_strictly_false" -> new Logic.NotStrictlyFalse(x);
      case "size" -> new Operators.Size(x);
      case "int" -> new Functions.ToInt(x);
      case "string" -> new Functions.ToStringValue(x);
      case "double" -> new Functions.ToDouble(x);
      case "dyn" -> x;
      default -> null;
    };
  }

  private static Node binary(String function, Node x, Node y) {
    return switch (function) {
      case "_&&_" -> new Logic.And(x, y);
      case "_||_" -> new Logic.Or(x, y);
      case "_==_" -> new Operators.Equals(x, y, false);
      case "_!=_" -> new Operators.Equals(x, y, true);
      case "_<_" -> new Operators.Compare(Ordering.LESS, x, y);
      case "_<=_" -> new Operators.Compare(Ordering.LESS_EQUALS, x, y);
      case "_>_" -> new Operators.Compare(Ordering.GREATER, x, y);
      case "_>=_" -> new Operators.Compare(Ordering.GREATER_EQUALS, x, y);
      case "_+_" -> new Operators.Binary(Arithmetic.ADD, x, y);
      case "_-_" -> new Operators.Binary(Arithmetic.SUBTRACT, x, y);
      case "_*_" -> new Operators.Binary(Arithmetic.MULTIPLY, x, y);
      case "_/_" -> new Operators.Binary(Arithmetic.DIVIDE, x, y);
      case "_%_" -> new Operators.Binary(Arithmetic.MODULO, x, y);
      case "_[_]" -> new Access.Index(x, y);
      case "@in" -> new Operators.In(x, y);
      case "matches" -> new Functions.OnString(StringFunction.MATCHES, x, y);
      default -> null;
    };
  }

  /** Receiver-style calls; {@code a.get(0)} is the receiver. */
  private static Node member(String function, List<Node> a) {
    Node target = a.get(0);
    int arity = a.size() - 1;
    for (StringFunction f : StringFunction.values()) {
      if (f.function.equals(function) && f.arity == arity) {
        return new Functions.OnString(f, target, arity == 0 ? null : a.get(1));
      }
    }
    return switch (function + "/" + arity) {
      case "size/0" -> new Operators.Size(target);
      case "join/0" -> new Functions.Join(target, null);
      case "join/1" -> new Functions.Join(target, a.get(1));
      case "substring/1" -> new Functions.Substring(target, a.get(1), null);
      case "substring/2" -> new Functions.Substring(target, a.get(1), a.get(2));
      default -> null;
    };
  }
}
