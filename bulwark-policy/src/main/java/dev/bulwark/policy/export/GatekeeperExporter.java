package dev.bulwark.policy.export;

import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.VariableGraph;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports library policies as Gatekeeper ConstraintTemplates (templates.gatekeeper.sh/v1) whose
 * code runs on the K8sNativeValidation (CEL) engine, plus one Constraint each. Gatekeeper hands the
 * Constraint's parameters to CEL as {@code variables.params}, which is exactly how the library
 * reads them.
 */
public final class GatekeeperExporter {

  public static final String TEMPLATE_API = "templates.gatekeeper.sh/v1";
  public static final String CONSTRAINT_API = "constraints.gatekeeper.sh/v1beta1";

  private GatekeeperExporter() {}

  /** Templates and Constraints that enforce: Gatekeeper is the only admission layer. */
  public static List<HasMetadata> export(
      PolicyLibrary library, Map<String, Object> overrides, Map<String, String> labels) {
    return export(library, overrides, labels, Enforcement.ENFORCE);
  }

  /** Templates and Constraints whose enforcement action follows {@code enforcement}. */
  public static List<HasMetadata> export(
      PolicyLibrary library,
      Map<String, Object> overrides,
      Map<String, String> labels,
      Enforcement enforcement) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Policy policy : library.policies()) {
      objects.add(template(library, policy, labels));
      objects.add(
          constraint(policy, PolicyEngine.effectiveParams(policy, overrides), labels, enforcement));
    }
    return objects;
  }

  /** The Constraint kind: the policy id in CamelCase, prefixed with Bulwark. */
  public static String kind(Policy policy) {
    StringBuilder kind = new StringBuilder("Bulwark");
    for (String part : policy.id().split("-")) {
      kind.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return kind.toString();
  }

  public static GenericKubernetesResource template(
      PolicyLibrary library, Policy policy, Map<String, String> labels) {
    Map<String, Object> source = new LinkedHashMap<>();
    List<Map<String, Object>> variables = new ArrayList<>();
    VariableGraph.variablesFor(library, policy)
        .forEach(v -> variables.add(Map.of("name", v.name(), "expression", v.expression())));
    source.put("variables", variables);
    List<Map<String, Object>> validations = new ArrayList<>();
    for (var v : policy.validations()) {
      Map<String, Object> validation = new LinkedHashMap<>();
      validation.put("expression", v.expression());
      validation.put("message", v.message());
      if (v.messageExpression() != null) {
        validation.put("messageExpression", v.messageExpression());
      }
      validations.add(validation);
    }
    source.put("validations", validations);
    String exemption = PolicyObjects.exemptionCondition(policy);
    if (exemption != null) {
      source.put(
          "matchConditions", List.of(Map.of("name", "not-exempted", "expression", exemption)));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "crd",
        Map.of(
            "spec",
            Map.of(
                "names", Map.of("kind", kind(policy)),
                "validation", Map.of("openAPIV3Schema", parameterSchema(policy.params())))));
    spec.put(
        "targets",
        List.of(
            Map.of(
                "target",
                "admission.k8s.gatekeeper.sh",
                "code",
                List.of(Map.of("engine", "K8sNativeValidation", "source", source)))));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(TEMPLATE_API)
        .withKind("ConstraintTemplate")
        .withNewMetadata()
        .withName(kind(policy).toLowerCase(Locale.ROOT))
        .withLabels(labels)
        .addToAnnotations("description", policy.title() + ": " + policy.description())
        .addToAnnotations("bulwark.dev/severity", policy.severity().label())
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  public static GenericKubernetesResource constraint(
      Policy policy,
      Map<String, Object> params,
      Map<String, String> labels,
      Enforcement enforcement) {
    Map<String, Object> match = new LinkedHashMap<>();
    List<Map<String, Object>> kinds = new ArrayList<>();
    for (Map.Entry<String, List<Kinds.Kind>> group :
        PolicyObjects.kindsByGroup(policy).entrySet()) {
      kinds.add(
          Map.of(
              "apiGroups",
              List.of(group.getKey()),
              "kinds",
              group.getValue().stream().map(Kinds.Kind::kind).toList()));
    }
    match.put("kinds", kinds);
    match.put("namespaceSelector", PolicyObjects.namespaceSelector(policy));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "enforcementAction",
        enforcement == Enforcement.AUDIT
            ? "dryrun"
            : policy.action() == Policy.Action.DENY ? "deny" : "warn");
    spec.put("match", match);
    if (!params.isEmpty()) {
      spec.put("parameters", params);
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CONSTRAINT_API)
        .withKind(kind(policy))
        .withNewMetadata()
        .withName(PolicyObjects.name(policy))
        .withLabels(labels)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /** A structural schema for the parameters, from the types of their defaults. */
  static Map<String, Object> parameterSchema(Map<String, Object> params) {
    Map<String, Object> properties = new LinkedHashMap<>();
    params.forEach((name, value) -> properties.put(name, schemaOf(value)));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    if (!properties.isEmpty()) {
      schema.put("properties", properties);
    }
    return schema;
  }

  private static Map<String, Object> schemaOf(Object value) {
    return switch (value) {
      case Boolean b -> Map.of("type", "boolean");
      case Long l -> Map.of("type", "integer");
      case Double d -> Map.of("type", "number");
      case List<?> list ->
          Map.of(
              "type",
              "array",
              "items",
              list.isEmpty() ? Map.of("type", "string") : schemaOf(list.get(0)));
      case Map<?, ?> map -> Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true);
      default -> Map.of("type", "string");
    };
  }
}
