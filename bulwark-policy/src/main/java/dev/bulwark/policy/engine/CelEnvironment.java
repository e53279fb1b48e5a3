package dev.bulwark.policy.engine;

import dev.bulwark.policy.engine.eval.CelCompiler;
import dev.bulwark.policy.engine.eval.CompiledCel;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of a ValidatingAdmissionPolicy, in cel-java: the variables {@code object},
 * {@code oldObject}, {@code request}, {@code namespaceObject}, {@code params} and {@code
 * variables}, the standard macros and the string extension library Kubernetes enables. Policies
 * written against it run unchanged in the API server and in Gatekeeper.
 */
public final class CelEnvironment {

  /** The variable names a VAP declares. */
  public static final List<String> ROOTS =
      List.of("object", "oldObject", "request", "namespaceObject", "params");

  /** The iteration limit of one comprehension, in both runtimes. */
  static final int MAX_ITERATIONS = 100_000;

  private static final Map<String, RegexSearch> PATTERNS = new ConcurrentHashMap<>();
  private static final CelEnvironment STANDARD = new CelEnvironment(CheckedAstCache.configured());

  private final CheckedAstCache checked;
  // Built on first use: with every expression's checked AST in the cache and Bulwark's evaluator
  // covering them all, a run needs no cel-java environment at all (ADR 0048).
  private Cel cel;

  CelEnvironment(CheckedAstCache checked) {
    this.checked = checked;
  }

  private synchronized Cel cel() {
    if (cel == null) {
      cel = build();
    }
    return cel;
  }

  private static Cel build() {
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(
                CelOptions.current()
                    .enableHeterogeneousNumericComparisons(true)
                    .comprehensionMaxIterations(MAX_ITERATIONS)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            // matches() with compiled patterns cached: cel-java compiles the pattern on every call,
            // which dominated evaluation. Same RE2 semantics (re2j), same partial-match rule as
            // CEL.
            .setStandardEnvironmentEnabled(false)
            .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
            .setStandardFunctions(
                CelStandardFunctions.newBuilder()
                    .excludeFunctions(StandardFunction.MATCHES)
                    .build())
            .addFunctionBindings(
                CelFunctionBinding.from(
                    "matches", String.class, String.class, CelEnvironment::matches),
                CelFunctionBinding.from(
                    "matches_string", String.class, String.class, CelEnvironment::matches))
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
    for (String root : ROOTS) {
      builder.addVar(root, SimpleType.DYN);
    }
    return builder.build();
  }

  /** CEL's matches(): true when the RE2 pattern matches anywhere in the text. */
  public static boolean matches(String text, String regex) {
    RegexSearch pattern = PATTERNS.get(regex);
    if (pattern == null) {
      if (PATTERNS.size() > 10_000) {
        PATTERNS.clear();
      }
      pattern = RegexSearch.compile(regex);
      PATTERNS.put(regex, pattern);
    }
    return pattern.find(text);
  }

  public static CelEnvironment standard() {
    return STANDARD;
  }

  /** Compiles an expression, or fails with the CEL error and where the expression came from. */
  public CelRuntime.Program compile(String expression, String where) {
    return program(check(expression, where), where);
  }

  /**
   * Compiles an expression for the runtime: the cel-java program, and for {@link
   * EvaluationRuntime#COMPILED} Bulwark's evaluator in front of it when it covers the expression.
   */
  PolicyExpression expression(String expression, String where, EvaluationRuntime runtime) {
    if (runtime == EvaluationRuntime.CEL_JAVA) {
      return new PolicyExpression.CelJava(program(check(expression, where), where));
    }
    Optional<CompiledCel> kept =
        checked
            .get(expression)
            .flatMap(tree -> CelCompiler.compileCheckedTree(tree, MAX_ITERATIONS));
    if (kept.isPresent()) {
      // the kept tree is what the evaluator reads; cel-java's fallback needs the whole checked
      // AST, so it is checked again on the rare first need
      return new PolicyExpression.Compiled(
          kept.get(),
          new PolicyExpression.Fallback(() -> program(check(expression, where), where)));
    }
    CelAbstractSyntaxTree ast = check(expression, where);
    Optional<CompiledCel> compiled = CelCompiler.compile(ast, MAX_ITERATIONS);
    if (compiled.isEmpty()) {
      return new PolicyExpression.CelJava(program(ast, where));
    }
    checked.put(expression, ast);
    return new PolicyExpression.Compiled(
        compiled.get(), new PolicyExpression.Fallback(() -> program(ast, where)));
  }

  /** Keeps the trees checked since the last call for the next run (a no-op without a cache). */
  void keepCheckedAsts() {
    checked.save();
  }

  CelAbstractSyntaxTree check(String expression, String where) {
    try {
      return cel().compile(expression).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(where + ": invalid CEL: " + e.getMessage(), e);
    }
  }

  private CelRuntime.Program program(CelAbstractSyntaxTree ast, String where) {
    try {
      return cel().createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(where + ": cannot plan CEL: " + e.getMessage(), e);
    }
  }

  /** Evaluates a compiled program over the activation. */
  public static Object eval(CelRuntime.Program program, Map<String, ?> activation)
      throws CelEvaluationException {
    return program.eval(activation);
  }
}
