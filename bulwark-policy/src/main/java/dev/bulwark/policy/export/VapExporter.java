package dev.bulwark.policy.export;

import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.ParamValues;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.library.VariableGraph;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exports library policies as ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1) and
 * their bindings. The CEL is copied verbatim; parameters become a {@code params} variable holding a
 * CEL literal, so that {@code variables.params.x} reads the same in the API server as in-process,
 * without a parameter object that could go missing.
 */
public final class VapExporter {

  private VapExporter() {}

  /** A policy and its binding for every policy of the library, labelled with {@code labels}. */
  public static List<HasMetadata> export(
      PolicyLibrary library, Map<String, Object> overrides, Map<String, String> labels) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Policy policy : library.policies()) {
      objects.add(policy(library, policy, PolicyEngine.effectiveParams(policy, overrides), labels));
      objects.add(binding(policy, labels));
    }
    return objects;
  }

  public static ValidatingAdmissionPolicy policy(
      PolicyLibrary library,
      Policy policy,
      Map<String, Object> params,
      Map<String, String> labels) {
    List<Variable> variables = new ArrayList<>();
    if (VariableGraph.usesParams(library, policy)) {
      variables.add(
          new VariableBuilder()
              .withName("params")
              .withExpression(ParamValues.toCel(params))
              .build());
    }
    VariableGraph.variablesFor(library, policy)
        .forEach(
            v ->
                variables.add(
                    new VariableBuilder()
                        .withName(v.name())
                        .withExpression(v.expression())
                        .build()));
    List<Validation> validations =
        policy.validations().stream()
            .map(
                v ->
                    new ValidationBuilder()
                        .withExpression(v.expression())
                        .withMessage(v.message())
                        .withMessageExpression(v.messageExpression())
                        .withReason("Forbidden")
                        .build())
            .toList();
    List<MatchCondition> conditions =
        PolicyObjects.matchConditions(policy).stream()
            .map(c -> new MatchCondition(c.get("expression"), c.get("name")))
            .toList();
    return new ValidatingAdmissionPolicyBuilder()
        .withNewMetadata()
        .withName(PolicyObjects.name(policy))
        .withLabels(labels)
        .addToAnnotations("bulwark.dev/policy-title", policy.title())
        .addToAnnotations("bulwark.dev/severity", policy.severity().label())
        .addToAnnotations("bulwark.dev/category", policy.category().label())
        .endMetadata()
        .withNewSpec()
        .withFailurePolicy("Fail")
        .withNewMatchConstraints()
        .withResourceRules(rules(policy))
        .withMatchPolicy("Equivalent")
        .endMatchConstraints()
        .withMatchConditions(conditions)
        .withVariables(variables)
        .withValidations(validations)
        .endSpec()
        .build();
  }

  public static ValidatingAdmissionPolicyBinding binding(
      Policy policy, Map<String, String> labels) {
    List<String> actions =
        policy.action() == Policy.Action.DENY ? List.of("Deny", "Audit") : List.of("Warn", "Audit");
    return new ValidatingAdmissionPolicyBindingBuilder()
        .withNewMetadata()
        .withName(PolicyObjects.name(policy))
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withPolicyName(PolicyObjects.name(policy))
        .withValidationActions(actions)
        .withNewMatchResources()
        .withNamespaceSelector(PolicyObjects.namespaceSelector(policy))
        .endMatchResources()
        .endSpec()
        .build();
  }

  private static List<NamedRuleWithOperations> rules(Policy policy) {
    List<NamedRuleWithOperations> rules = new ArrayList<>();
    for (Map.Entry<String, List<Kinds.Kind>> group :
        PolicyObjects.kindsByGroup(policy).entrySet()) {
      rules.add(
          new NamedRuleWithOperationsBuilder()
              .withApiGroups(group.getKey())
              .withApiVersions("*")
              .withOperations(policy.match().operations())
              .withResources(group.getValue().stream().map(Kinds.Kind::resource).toList())
              .withScope("*")
              .build());
    }
    return rules;
  }
}
