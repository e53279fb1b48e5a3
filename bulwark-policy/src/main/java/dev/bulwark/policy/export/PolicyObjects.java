package dev.bulwark.policy.export;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.policy.engine.PodUpdates;
import dev.bulwark.policy.library.Kinds;
import dev.bulwark.policy.library.NamespaceBinding;
import dev.bulwark.policy.library.Policy;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every target shares: object names, the namespaces a policy is bound to, the exemption match
 * condition and the grouping of kinds by API group.
 */
public final class PolicyObjects {

  /** Prefix of every exported object's name. */
  public static final String PREFIX = "bulwark-";

  public static final String PSA_ENFORCE = NamespaceBinding.PSA_ENFORCE;

  private PolicyObjects() {}

  public static String name(Policy policy) {
    return PREFIX + policy.id();
  }

  /**
   * The namespaces a policy is bound to: for a tenant rule, tenant namespaces (a tenant label other
   * than platform); for a Pod Security control, every Bulwark namespace whose enforced level
   * includes the control, the platform's included. The tenancy render writes both labels on every
   * tenant namespace at the tenant's level, so each tenant is bound at its own level without a
   * binding per tenant.
   */
  public static LabelSelector namespaceSelector(Policy policy) {
    // NamespaceBinding states the same rule for the in-process engine; NamespaceBindingTest holds
    // the two to each other.
    if (!policy.isPss()) {
      return tenantNamespaces();
    }
    // Pod Security binds in the platform's namespaces too, at their own level (ADR 0018).
    return bulwarkNamespaces()
        .addNewMatchExpression()
        .withKey(PSA_ENFORCE)
        .withOperator("In")
        .withValues(NamespaceBinding.levels(policy))
        .endMatchExpression()
        .build();
  }

  private static LabelSelectorBuilder bulwarkNamespaces() {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(BulwarkLabels.TENANT)
        .withOperator("Exists")
        .endMatchExpression();
  }

  /** Tenant namespaces: a tenant label other than platform. */
  public static LabelSelector tenantNamespaces() {
    return bulwarkNamespaces()
        .addNewMatchExpression()
        .withKey(BulwarkLabels.TENANT)
        .withOperator("NotIn")
        .withValues(BulwarkLabels.PLATFORM_TENANT)
        .endMatchExpression()
        .build();
  }

  /**
   * The match conditions, by name, of the ValidatingAdmissionPolicy and Kyverno targets: the
   * exemption, and for policies on Pods, Pod Security admission's rule that an UPDATE keeping every
   * container and image is not judged ({@link PodUpdates}).
   */
  public static List<Map<String, String>> matchConditions(Policy policy) {
    List<Map<String, String>> conditions = new ArrayList<>();
    String exemption = exemptionCondition(policy);
    if (exemption != null) {
      conditions.add(condition("not-exempted", exemption));
    }
    if (policy.match().matchesKind("Pod")) {
      conditions.add(condition("significant-pod-update", PodUpdates.CONDITION));
    }
    return conditions;
  }

  private static Map<String, String> condition(String name, String expression) {
    Map<String, String> condition = new LinkedHashMap<>();
    condition.put("name", name);
    condition.put("expression", expression);
    return condition;
  }

  /**
   * The match condition that skips objects exempted by annotation: the annotation must be present
   * with a non-empty reason. Null for policies that are not exemptible.
   */
  public static String exemptionCondition(Policy policy) {
    if (!policy.exemptible()) {
      return null;
    }
    String key = "'" + policy.exemptionAnnotation() + "'";
    return "!(has(object.metadata.annotations) && "
        + key
        + " in object.metadata.annotations && object.metadata.annotations["
        + key
        + "].trim() != '')";
  }

  /** The policy's kinds grouped by API group, in first-seen order. */
  public static Map<String, List<Kinds.Kind>> kindsByGroup(Policy policy) {
    Map<String, List<Kinds.Kind>> groups = new LinkedHashMap<>();
    for (String kind : policy.match().kinds()) {
      Kinds.Kind k = Kinds.require(kind);
      groups.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(k);
    }
    return groups;
  }
}
