package dev.bulwark.policy.engine.eval;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.NullValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Compiles a checked cel-java AST into a tree of {@link Node}s. Anything it does not implement (a
 * function, an overload, a construct) makes it return empty, so that the caller keeps the cel-java
 * program for that expression: coverage is decided here, at compile time, and can never change a
 * result.
 */
public final class CelCompiler {

  /** Whether the checker resolved the select with this id to a qualified name. */
  private final LongPredicate resolvedName;

  private final int maxIterations;
  private final Map<String, Integer> roots = new HashMap<>();
  private final Deque<Map.Entry<String, Integer>> locals = new ArrayDeque<>();
  private int slots;

  private CelCompiler(LongPredicate resolvedName, int maxIterations) {
    this.resolvedName = resolvedName;
    this.maxIterations = maxIterations;
  }

  /**
   * The compiled expression, or empty when it uses something this evaluator does not cover.
   *
   * @param maxIterations the comprehension iteration limit of the cel-java environment
   */
  public static Optional<CompiledCel> compile(CelAbstractSyntaxTree ast, int maxIterations) {
    if (!ast.isChecked()) {
      return Optional.empty();
    }
    return compile(ast.getExpr(), id -> ast.getReference(id).isPresent(), maxIterations);
  }

  /**
   * The compiled expression of a checked AST's expression tree kept without its types and
   * references (ADR 0048), which only trees whose selects the checker left as field selects are.
   */
  public static Optional<CompiledCel> compileCheckedTree(CelExpr expr, int maxIterations) {
    return compile(expr, id -> false, maxIterations);
  }

  private static Optional<CompiledCel> compile(
      CelExpr expr, LongPredicate resolvedName, int maxIterations) {
    CelCompiler compiler = new CelCompiler(resolvedName, maxIterations);
    try {
      Node root = compiler.node(expr);
      return Optional.of(new CompiledCel(root, compiler.slots));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /** Thrown while compiling when a construct is not covered; never escapes {@link #compile}. */
  private static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  Node node(CelExpr e) {
    return switch (e.getKind()) {
      case CONSTANT -> new Access.Constant(constant(e.constant()));
      case IDENT -> ident(e.ident().name());
      case SELECT -> select(e);
      case CALL -> Calls.call(this, e.id(), e.call());
      case LIST -> list(e.list().elements(), e.list().optionalIndices());
      case MAP -> map(e.map().entries());
      case COMPREHENSION -> comprehension(e.comprehension());
      default -> throw unsupported(e.getKind().toString());
    };
  }

  static RuntimeException unsupported(String what) {
    return new Unsupported(what);
  }

  private static Object constant(CelConstant c) {
    return switch (c.getKind()) {
      case BOOLEAN_VALUE -> c.booleanValue();
      case INT64_VALUE -> c.int64Value();
      case DOUBLE_VALUE -> c.doubleValue();
      case STRING_VALUE -> c.stringValue();
      case NULL_VALUE -> NullValue.NULL_VALUE;
      default -> throw unsupported("constant " + c.getKind());
    };
  }

  private Node ident(String name) {
    for (Map.Entry<String, Integer> local : locals) {
      if (local.getKey().equals(name)) {
        return new Access.Local(local.getValue());
      }
    }
    Integer slot = roots.computeIfAbsent(name, n -> slots++);
    return new Access.Root(name, slot);
  }

  private Node select(CelExpr e) {
    if (resolvedName.test(e.id())) {
      // The checker resolved a qualified name (an enum or a dotted variable): not a field select.
      throw unsupported("qualified name");
    }
    Node operand = node(e.select().operand());
    String field = e.select().field();
    return e.select().testOnly()
        ? new Access.Has(operand, field)
        : new Access.Select(operand, field);
  }

  private Node list(List<CelExpr> elements, List<Integer> optionalIndices) {
    if (!optionalIndices.isEmpty()) {
      throw unsupported("optional list elements");
    }
    if (elements.isEmpty()) {
      return new Access.Constant(List.of());
    }
    Node[] nodes = new Node[elements.size()];
    boolean constant = true;
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = node(elements.get(i));
      constant &= nodes[i] instanceof Access.Constant;
    }
    if (constant) {
      // Evaluated once: a constant list is immutable either way.
      return new Access.Constant(new Access.ListLiteral(nodes).eval(null));
    }
    return new Access.ListLiteral(nodes);
  }

  private Node map(List<CelExpr.CelMap.Entry> entries) {
    if (entries.isEmpty()) {
      return new Access.Constant(Map.of());
    }
    String[] keys = new String[entries.size()];
    Node[] values = new Node[entries.size()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.length; i++) {
      CelExpr.CelMap.Entry entry = entries.get(i);
      CelExpr key = entry.key();
      if (entry.optionalEntry()
          || key.getKind() != CelExpr.ExprKind.Kind.CONSTANT
          || key.constant().getKind() != CelConstant.Kind.STRING_VALUE
          || !seen.add(key.constant().stringValue())) {
        // Other keys need heterogeneous key lookups; duplicates are a runtime error in cel-java.
        throw unsupported("map literal key");
      }
      keys[i] = key.constant().stringValue();
      values[i] = node(entry.value());
    }
    return new Access.MapLiteral(keys, values);
  }

  private Node comprehension(CelExpr.CelComprehension c) {
    if (!c.iterVar2().isEmpty()) {
      throw unsupported("two-variable comprehension");
    }
    Node range = node(c.iterRange());
    Node init = node(c.accuInit());
    int accuSlot = slots++;
    int iterSlot = slots++;
    locals.push(Map.entry(c.accuVar(), accuSlot));
    locals.push(Map.entry(c.iterVar(), iterSlot));
    Node condition = node(c.loopCondition());
    Node step = appendStep(c, init, accuSlot).orElseGet(() -> node(c.loopStep()));
    locals.pop();
    // The result sees the accumulator but not the iteration variable.
    Node result = node(c.result());
    locals.pop();
    return new Comprehension(
        range, iterSlot, accuSlot, init, condition, step, result, maxIterations);
  }

  /** Recognises the steps of map and filter ({@code accu + [x]}, maybe under {@code ?:}). */
  private Optional<Node> appendStep(CelExpr.CelComprehension c, Node init, int accuSlot) {
    if (!(init instanceof Access.Constant k && k.value() instanceof List<?> l && l.isEmpty())) {
      return Optional.empty();
    }
    CelExpr step = c.loopStep();
    CelExpr guard = null;
    if (isCall(step, "_?_:_", 3) && isIdent(step.call().args().get(2), c.accuVar())) {
      guard = step.call().args().get(0);
      step = step.call().args().get(1);
    }
    if (!isCall(step, "_+_", 2) || !isIdent(step.call().args().get(0), c.accuVar())) {
      return Optional.empty();
    }
    CelExpr added = step.call().args().get(1);
    if (added.getKind() != CelExpr.ExprKind.Kind.LIST
        || added.list().elements().size() != 1
        || !added.list().optionalIndices().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Comprehension.Append(
            accuSlot, guard == null ? null : node(guard), node(added.list().elements().get(0))));
  }

  private static boolean isCall(CelExpr e, String function, int arity) {
    return e.getKind() == CelExpr.ExprKind.Kind.CALL
        && e.call().target().isEmpty()
        && e.call().function().equals(function)
        && e.call().args().size() == arity;
  }

  private static boolean isIdent(CelExpr e, String name) {
    return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(name);
  }
}
