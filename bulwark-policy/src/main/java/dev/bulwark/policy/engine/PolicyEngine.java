package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.policy.library.ParamValues;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.Validation;
import dev.bulwark.policy.library.Variable;
import dev.bulwark.policy.library.VariableGraph;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Evaluates library policies in-process exactly as a ValidatingAdmissionPolicy would: same
 * variables, same expressions, same messages. cel-java parses and checks every expression;
 * Bulwark's evaluator runs it, with cel-java's interpreter as fallback and reference (see {@link
 * EvaluationRuntime} and ADR 0011). Compiled once; thread-safe.
 */
public final class PolicyEngine {

  private final PolicyLibrary library;
  private final List<CompiledPolicy> policies;
  private final int sharedCount;

  private PolicyEngine(PolicyLibrary library, List<CompiledPolicy> policies) {
    this.library = library;
    this.policies = policies;
    this.sharedCount = library.variables().size();
  }

  /**
   * Compiles the selected policies.
   *
   * @param overrides parameter values that replace library defaults, by parameter name, for every
   *     policy that declares the parameter
   */
  public static PolicyEngine create(
      PolicyLibrary library, PolicyLibrary.Selection selection, Map<String, Object> overrides) {
    return create(library, selection, overrides, EvaluationRuntime.COMPILED);
  }

  /**
   * Compiles the selected policies for a runtime; {@link #create(PolicyLibrary,
   * PolicyLibrary.Selection, Map)} uses {@link EvaluationRuntime#COMPILED}.
   */
  public static PolicyEngine create(
      PolicyLibrary library,
      PolicyLibrary.Selection selection,
      Map<String, Object> overrides,
      EvaluationRuntime runtime) {
    CelEnvironment env = CelEnvironment.standard();
    // Shared variables depend on the object only: one index each, the same in every policy.
    Map<String, Integer> sharedIndex = new HashMap<>();
    library.variables().forEach(v -> sharedIndex.put(v.name(), sharedIndex.size()));
    List<CompiledPolicy> compiled = new ArrayList<>();
    for (Policy policy : library.select(selection)) {
      compiled.add(
          compile(env, runtime, library, policy, effectiveParams(policy, overrides), sharedIndex));
    }
    env.keepCheckedAsts();
    return new PolicyEngine(library, List.copyOf(compiled));
  }

  /** The parameters of a policy: its defaults, with the overrides it declares applied. */
  public static Map<String, Object> effectiveParams(Policy policy, Map<String, Object> overrides) {
    Map<String, Object> params = new LinkedHashMap<>(policy.params());
    overrides.forEach(
        (name, value) -> {
          if (params.containsKey(name)) {
            params.put(name, value);
          }
        });
    return params;
  }

  /** Parses {@code name=value} overrides against the library's parameter defaults. */
  public static Map<String, Object> parseOverrides(PolicyLibrary library, Map<String, String> raw) {
    Map<String, Object> defaults = new HashMap<>();
    library.policies().forEach(p -> defaults.putAll(p.params()));
    Map<String, Object> parsed = new LinkedHashMap<>();
    raw.forEach(
        (name, value) -> {
          if (!defaults.containsKey(name)) {
            throw new IllegalArgumentException(
                "no policy has a parameter named '"
                    + name
                    + "'; known: "
                    + new java.util.TreeSet<>(defaults.keySet()));
          }
          parsed.put(name, ParamValues.parseOverride(name, value, defaults.get(name)));
        });
    return parsed;
  }

  private static CompiledPolicy compile(
      CelEnvironment env,
      EvaluationRuntime runtime,
      PolicyLibrary library,
      Policy policy,
      Map<String, Object> params,
      Map<String, Integer> sharedIndex) {
    Map<String, PolicyExpression> variables = new LinkedHashMap<>();
    for (Variable v : VariableGraph.variablesFor(library, policy)) {
      variables.put(
          v.name(),
          env.expression(
              v.expression(), "policy " + policy.id() + " variable " + v.name(), runtime));
    }
    List<CompiledValidation> validations = new ArrayList<>();
    for (int i = 0; i < policy.validations().size(); i++) {
      Validation v = policy.validations().get(i);
      String where = "policy " + policy.id() + " validation " + i;
      validations.add(
          new CompiledValidation(
              v,
              env.expression(v.expression(), where, runtime),
              v.messageExpression() == null
                  ? null
                  : env.expression(v.messageExpression(), where + " messageExpression", runtime)));
    }
    return new CompiledPolicy(
        policy,
        LazyVariables.Layout.of(variables, sharedIndex),
        validations,
        CelValues.ofParam(params));
  }

  public PolicyLibrary library() {
    return library;
  }

  public List<Policy> policies() {
    return policies.stream().map(CompiledPolicy::policy).toList();
  }

  /** Whether the policy applies to this kind (and API group) and operation. */
  public static boolean matches(Policy policy, JsonNode object, String operation) {
    String kind = object.path("kind").asText("");
    if (!policy.match().matchesKind(kind) || !policy.match().operations().contains(operation)) {
      return false;
    }
    String apiVersion = object.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return Kinds.require(kind).group().equals(group);
  }

  /** Every failed validation of every matching policy, with annotation exemptions applied. */
  public List<Finding> evaluate(AdmissionInput input) {
    return evaluate(input, policy -> true);
  }

  /**
   * The same for the policies {@code scope} accepts, for example those bound to the input's
   * namespace ({@link #boundTo}).
   */
  public List<Finding> evaluate(AdmissionInput input, Predicate<Policy> scope) {
    if (!PodUpdates.significant(input)) {
      return List.of();
    }
    Roots roots = new Roots(input, new Object[sharedCount]);
    List<Finding> findings = new ArrayList<>();
    for (CompiledPolicy compiled : policies) {
      Policy policy = compiled.policy();
      if (!matches(policy, input.object(), input.operation()) || !scope.test(policy)) {
        continue;
      }
      Exemption exemption = annotationExemption(policy, input.object());
      for (Finding f : evaluate(compiled, roots.activation(compiled))) {
        findings.add(exemption == null ? f : f.exempt(exemption));
      }
    }
    return findings;
  }

  /**
   * The policies the API server would apply to the input through the exported bindings: for an
   * object in a namespace, those bound to that namespace ({@link NamespaceBinding}); for a
   * Namespace, those bound to its own labels; other cluster-scoped objects are never skipped, as a
   * binding's namespaceSelector never skips them. A namespace Bulwark only assumed ({@link
   * AdmissionInput#ASSUMED}) counts as a tenant's unless its labels make it the platform's.
   */
  public static Predicate<Policy> boundTo(AdmissionInput input) {
    JsonNode labelsOf =
        "Namespace".equals(input.object().path("kind").asText())
                && input.object().path("apiVersion").asText().equals("v1")
            ? input.object()
            : input.namespaceObject();
    if (labelsOf == null || labelsOf.isNull() || labelsOf.isMissingNode()) {
      return policy -> true;
    }
    Map<String, String> labels = new HashMap<>();
    labelsOf
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    if (labelsOf.path("metadata").path("annotations").has(AdmissionInput.ASSUMED)) {
      return policy -> NamespaceBinding.bindsAssumingTenant(policy, labels);
    }
    return policy -> NamespaceBinding.binds(policy, labels);
  }

  /**
   * The activation of one policy over an input, with fresh variables: for tests that evaluate the
   * policy's expressions one by one against the variables this engine computes.
   */
  CelVariableResolver activation(String policyId, AdmissionInput input) {
    CompiledPolicy compiled =
        policies.stream().filter(p -> p.policy().id().equals(policyId)).findFirst().orElseThrow();
    return new Roots(input, new Object[sharedCount]).activation(compiled);
  }

  /** How many of the compiled expressions run on Bulwark's evaluator, and how many in all. */
  int[] coverage() {
    int compiledCount = 0;
    int total = 0;
    for (CompiledPolicy p : policies) {
      List<PolicyExpression> all = new ArrayList<>();
      p.variables().slots().values().forEach(slot -> all.add(slot.expression()));
      p.validations()
          .forEach(
              v -> {
                all.add(v.expression());
                if (v.message() != null) {
                  all.add(v.message());
                }
              });
      total += all.size();
      compiledCount += (int) all.stream().filter(PolicyExpression::runsCompiled).count();
    }
    return new int[] {compiledCount, total};
  }

  /** The root values of one input, converted once and shared by every policy. */
  private static final class Roots {
    private final AdmissionInput input;
    private final Object[] sharedValues;
    private final Object object;
    private final Object oldObject;
    private final Object namespaceObject;
    // The request embeds the whole object (and oldObject) again; few expressions read it, so it is
    // converted on first use rather than for every object.
    private Object request;

    Roots(AdmissionInput input, Object[] sharedValues) {
      this.input = input;
      this.sharedValues = sharedValues;
      this.object = CelValues.of(input.object());
      this.oldObject = CelValues.of(input.oldObject());
      this.namespaceObject = CelValues.of(input.namespaceObject());
    }

    CelVariableResolver activation(CompiledPolicy compiled) {
      LazyVariables variables =
          new LazyVariables(compiled.variables(), sharedValues, compiled.params());
      // A resolver rather than a Map: cel-java copies a Map activation on every evaluation.
      CelVariableResolver activation =
          name ->
              Optional.ofNullable(
                  switch (name) {
                    case "object" -> object;
                    case "oldObject" -> oldObject;
                    case "request" ->
                        request != null ? request : (request = CelValues.of(input.request()));
                    case "namespaceObject" -> namespaceObject;
                    case "params" -> NullValue.NULL_VALUE;
                    case "variables" -> variables;
                    default -> null;
                  });
      variables.bind(activation);
      return activation;
    }
  }

  private static List<Finding> evaluate(CompiledPolicy compiled, CelVariableResolver activation) {
    List<Finding> findings = new ArrayList<>();
    Policy policy = compiled.policy();
    for (int i = 0; i < compiled.validations().size(); i++) {
      CompiledValidation v = compiled.validations().get(i);
      try {
        Object result = v.expression().eval(activation);
        if (!(result instanceof Boolean passed)) {
          findings.add(
              new Finding(
                  policy,
                  i,
                  "validation did not evaluate to a boolean but to " + result,
                  true,
                  null));
        } else if (!passed) {
          findings.add(new Finding(policy, i, message(v, activation), false, null));
        }
      } catch (CelEvaluationException | RuntimeException e) {
        findings.add(new Finding(policy, i, "cannot evaluate: " + rootMessage(e), true, null));
      }
    }
    return findings;
  }

  private static String message(CompiledValidation v, CelVariableResolver activation) {
    Validation source = v.source();
    if (v.message() != null) {
      try {
        Object text = v.message().eval(activation);
        if (text instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (CelEvaluationException | RuntimeException e) {
        // As in Kubernetes: a failing messageExpression falls back to the static message.
      }
    }
    return source.message() != null
        ? source.message()
        : "failed expression: " + source.expression();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && t.getCause() != t
        && !(t instanceof LazyVariables.VariableException)) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceFirst("^evaluation error( at [^:]*)?: ", "");
  }

  /** The annotation exemption of an exemptible policy: a non-blank reason in its annotation. */
  public static Exemption annotationExemption(Policy policy, JsonNode object) {
    if (!policy.exemptible()) {
      return null;
    }
    JsonNode reason =
        object.path("metadata").path("annotations").path(policy.exemptionAnnotation());
    return reason.isTextual() && !reason.textValue().isBlank()
        ? Exemption.annotation(reason.textValue().trim())
        : null;
  }

  private record CompiledValidation(
      Validation source, PolicyExpression expression, PolicyExpression message) {}

  private record CompiledPolicy(
      Policy policy,
      LazyVariables.Layout variables,
      List<CompiledValidation> validations,
      Object params) {}
}
