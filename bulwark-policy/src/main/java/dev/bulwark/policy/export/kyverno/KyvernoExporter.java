package dev.bulwark.policy.export.kyverno;

import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.export.Enforcement;
import dev.bulwark.policy.export.PolicyObjects;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.ParamValues;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.VariableGraph;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports library policies as Kyverno ClusterPolicies (kyverno.io/v1) whose single rule validates
 * with CEL ({@code validate.cel}), from the same expressions, variables, messages, parameters,
 * exemption condition and namespace selection as the ValidatingAdmissionPolicy and Gatekeeper
 * targets (docs/adr/0006-policy-one-cel-source.md): Kyverno evaluates CEL rules in the same
 * environment as a ValidatingAdmissionPolicy ({@code object}, {@code oldObject}, {@code request},
 * {@code namespaceObject}, {@code variables}).
 *
 * <p>Parameters are inlined as the CEL variable {@code params}, as the VAP target does, rather than
 * through {@code paramKind}: the values come from the platform spec and need no extra object.
 */
public final class KyvernoExporter {

  public static final String API = "kyverno.io/v1";
  public static final String KIND = "ClusterPolicy";

  private KyvernoExporter() {}

  /** One enforcing ClusterPolicy per library policy, labelled with {@code labels}. */
  public static List<HasMetadata> export(
      PolicyLibrary library, Map<String, Object> overrides, Map<String, String> labels) {
    return export(library, overrides, labels, Enforcement.ENFORCE);
  }

  /** One ClusterPolicy per library policy, enforcing or auditing as {@code enforcement} says. */
  public static List<HasMetadata> export(
      PolicyLibrary library,
      Map<String, Object> overrides,
      Map<String, String> labels,
      Enforcement enforcement) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Policy policy : library.policies()) {
      objects.add(
          policy(
              library,
              policy,
              PolicyEngine.effectiveParams(policy, overrides),
              labels,
              enforcement));
    }
    return objects;
  }

  public static GenericKubernetesResource policy(
      PolicyLibrary library,
      Policy policy,
      Map<String, Object> params,
      Map<String, String> labels,
      Enforcement enforcement) {
    List<Map<String, Object>> variables = new ArrayList<>();
    if (VariableGraph.usesParams(library, policy)) {
      variables.add(Map.of("name", "params", "expression", ParamValues.toCel(params)));
    }
    VariableGraph.variablesFor(library, policy)
        .forEach(v -> variables.add(Map.of("name", v.name(), "expression", v.expression())));
    List<Map<String, Object>> expressions = new ArrayList<>();
    for (var v : policy.validations()) {
      Map<String, Object> expression = new LinkedHashMap<>();
      expression.put("expression", v.expression());
      expression.put("message", v.message());
      if (v.messageExpression() != null) {
        expression.put("messageExpression", v.messageExpression());
      }
      expression.put("reason", "Forbidden");
      expressions.add(expression);
    }
    Map<String, Object> cel = new LinkedHashMap<>();
    if (!variables.isEmpty()) {
      cel.put("variables", variables);
    }
    cel.put("expressions", expressions);
    boolean audit = enforcement == Enforcement.AUDIT;
    boolean deny = !audit && policy.action() == Policy.Action.DENY;
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", policy.id());
    rule.put("match", Map.of("any", List.of(Map.of("resources", resources(policy)))));
    List<Map<String, String>> conditions = PolicyObjects.matchConditions(policy);
    if (!conditions.isEmpty()) {
      rule.put("celPreconditions", conditions);
    }
    rule.put("validate", Map.of("failureAction", deny ? "Enforce" : "Audit", "cel", cel));
    Map<String, Object> spec = new LinkedHashMap<>();
    // Admission only, as the other targets: CEL that reads the request has none in a background
    // scan.
    spec.put("background", false);
    // An auditing layer must not block admission when its webhook is down.
    spec.put("failurePolicy", audit ? "Ignore" : "Fail");
    if (!deny && !audit) {
      spec.put("emitWarning", true);
    }
    spec.put("rules", List.of(rule));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API)
        .withKind(KIND)
        .withNewMetadata()
        .withName(PolicyObjects.name(policy))
        .withLabels(labels)
        .addToAnnotations("policies.kyverno.io/title", policy.title())
        .addToAnnotations("policies.kyverno.io/description", policy.description())
        .addToAnnotations("bulwark.dev/severity", policy.severity().label())
        .addToAnnotations("bulwark.dev/category", policy.category().label())
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /**
   * Kinds as Kyverno names them across versions ({@code apps/*}{@code /Deployment}; core kinds
   * bare).
   */
  private static Map<String, Object> resources(Policy policy) {
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, List<Kinds.Kind>> group :
        PolicyObjects.kindsByGroup(policy).entrySet()) {
      for (Kinds.Kind kind : group.getValue()) {
        kinds.add(group.getKey().isEmpty() ? kind.kind() : group.getKey() + "/*/" + kind.kind());
      }
    }
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("kinds", kinds);
    resources.put("operations", policy.match().operations());
    resources.put("namespaceSelector", PolicyObjects.namespaceSelector(policy));
    return resources;
  }
}
