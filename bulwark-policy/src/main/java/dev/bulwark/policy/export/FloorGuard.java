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
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
    String list =
        identities.stream().map(i -> "'" + i + "'").collect(Collectors.joining(", ", "[", "]"));
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
        .withVariables(
            new VariableBuilder().withName("tenantIdentities").withExpression(list).build())
        .addNewValidation()
        .withExpression(
            "!has(request.userInfo.groups)"
                + " || !request.userInfo.groups.exists(g, g in variables.tenantIdentities)")
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
