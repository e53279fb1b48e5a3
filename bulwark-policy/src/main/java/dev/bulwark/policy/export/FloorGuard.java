package dev.bulwark.policy.export;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps the platform's floor in tenant namespaces (the NetworkPolicies labelled {@link
 * BulwarkLabels#FLOOR}) out of tenants' reach: RBAC grants verbs on a kind, so an owner who may add
 * NetworkPolicies may also delete the default deny; this ValidatingAdmissionPolicy refuses any
 * create, change or delete of a floor object by a tenant identity (ADR 0029).
 *
 * <p>Not a library policy: it judges who asks, not the object, so audit cannot evaluate it. The
 * tenant identities are the only subjects tenant RBAC binds: the tenants' groups (with the identity
 * prefix) and the service accounts of their namespaces.
 */
public final class FloorGuard {

  public static final String NAME = PolicyObjects.PREFIX + "tenant-floor";

  private static final String LABEL = "'" + BulwarkLabels.FLOOR + "'";

  /** The variable that holds the first part of the tenant identities; later parts are numbered. */
  static final String VARIABLE = "tenantIdentities";

  /**
   * The most code points one list literal may take. The API server refuses an expression of more
   * than 100,000, and a platform of about 700 tenants lists more identities than that, so the list
   * is cut into several variables, each well below the limit.
   */
  static final int PART_CODE_POINTS = 50_000;

  private FloorGuard() {}

  public static List<HasMetadata> objects(
      PlatformModel platform, List<TenantModel> tenants, Map<String, String> labels) {
    return List.of(policy(identities(platform, tenants), labels), binding(labels));
  }

  /** The groups of every tenant identity, sorted so that the render is stable. */
  static List<String> identities(PlatformModel platform, List<TenantModel> tenants) {
    TreeSet<String> groups = new TreeSet<>();
    for (TenantModel tenant : tenants) {
      tenant.ownerGroups().forEach(g -> groups.add(platform.groupPrefix() + g));
      tenant.developerGroups().forEach(g -> groups.add(platform.groupPrefix() + g));
      tenant.viewerGroups().forEach(g -> groups.add(platform.groupPrefix() + g));
      tenant.namespaces().forEach(ns -> groups.add("system:serviceaccounts:" + ns));
    }
    return List.copyOf(groups);
  }

  static ValidatingAdmissionPolicy policy(List<String> identities, Map<String, String> labels) {
    String floor =
        "(object != null && has(object.metadata.labels) && "
            + LABEL
            + " in object.metadata.labels) || (oldObject != null && has(oldObject.metadata.labels)"
            + " && "
            + LABEL
            + " in oldObject.metadata.labels)";
    List<String> parts = listLiterals(identities);
    List<Variable> variables = new ArrayList<>();
    List<String> membership = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = i == 0 ? VARIABLE : VARIABLE + (i + 1);
      variables.add(new VariableBuilder().withName(name).withExpression(parts.get(i)).build());
      membership.add("g in variables." + name);
    }
    return new ValidatingAdmissionPolicyBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(labels)
        .addToAnnotations("bulwark.dev/policy-title", "The tenant floor is the platform's")
        .addToAnnotations("bulwark.dev/severity", "critical")
        .endMetadata()
        .withNewSpec()
        .withFailurePolicy("Fail")
        .withNewMatchConstraints()
        .addNewResourceRule()
        .withApiGroups("networking.k8s.io")
        .withApiVersions("*")
        .withOperations("CREATE", "UPDATE", "DELETE")
        .withResources("networkpolicies")
        .withScope("Namespaced")
        .endResourceRule()
        .withMatchPolicy("Equivalent")
        .endMatchConstraints()
        .withMatchConditions(new MatchCondition(floor, "floor-objects"))
        .withVariables(variables)
        .addNewValidation()
        .withExpression(
            "!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, "
                + String.join(" || ", membership)
                + ")")
        .withMessage(
            "NetworkPolicies labelled "
                + BulwarkLabels.FLOOR
                + " are the platform's floor: tenants may add their own policies, not change or"
                + " delete these")
        .withReason("Forbidden")
        .endValidation()
        .endSpec()
        .build();
  }

  /**
   * The identities as CEL list literals of at most {@link #PART_CODE_POINTS} code points each (one,
   * an empty list, when there are none).
   */
  static List<String> listLiterals(List<String> identities) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder("[");
    for (String identity : identities) {
      String quoted = "'" + identity + "'";
      if (part.length() > 1 && part.length() + 2 + quoted.length() + 1 > PART_CODE_POINTS) {
        parts.add(part.append(']').toString());
        part = new StringBuilder("[");
      }
      part.append(part.length() > 1 ? ", " : "").append(quoted);
    }
    parts.add(part.append(']').toString());
    return parts;
  }

  static ValidatingAdmissionPolicyBinding binding(Map<String, String> labels) {
    return new ValidatingAdmissionPolicyBindingBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withPolicyName(NAME)
        .withValidationActions("Deny", "Audit")
        .withNewMatchResources()
        .withNamespaceSelector(PolicyObjects.tenantNamespaces())
        .endMatchResources()
        .endSpec()
        .build();
  }
}
