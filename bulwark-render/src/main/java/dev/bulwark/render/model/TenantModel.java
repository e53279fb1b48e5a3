package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.PolicyLevel;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant with every default resolved: groups, policy level, environments and their namespaces.
 */
public record TenantModel(
    String name,
    String displayName,
    List<String> owners,
    List<String> ownerGroups,
    List<String> developerGroups,
    List<String> viewerGroups,
    PolicyLevel policyLevel,
    List<EnvironmentModel> environments,
    List<String> egressCidrs,
    List<Application> applications) {

  public static TenantModel from(
      Tenant tenant, PlatformModel platform, List<Application> applications) {
    String name = tenant.getMetadata().getName();
    TenantSpec spec = tenant.getSpec();
    TenantSpec.GroupsSpec groups =
        Objects.requireNonNullElseGet(spec.getGroups(), TenantSpec.GroupsSpec::new);
    PolicyLevel level = Objects.requireNonNullElse(spec.getPolicyLevel(), platform.policyLevel());
    QuotaModel tenantQuota = QuotaModel.of(spec.getQuota(), QuotaModel.DEFAULT);
    List<EnvironmentModel> environments =
        spec.getEnvironments().stream()
            .map(
                env ->
                    new EnvironmentModel(
                        env.getName(),
                        namespaceOf(name, env),
                        Objects.requireNonNullElse(env.getPolicyLevel(), level),
                        QuotaModel.of(env.getQuota(), tenantQuota),
                        env.effectiveProduction()))
            .toList();
    List<String> egress =
        spec.getNetwork() == null ? List.of() : List.copyOf(spec.getNetwork().getEgressCIDRs());
    return new TenantModel(
        name,
        Objects.requireNonNullElse(spec.getDisplayName(), name),
        spec.getOwners() == null ? List.of() : List.copyOf(spec.getOwners()),
        ownerGroupsOf(tenant),
        groupsOr(groups.getDevelopers(), name + "-developers"),
        groupsOr(groups.getViewers(), name + "-viewers"),
        level,
        environments,
        egress,
        List.copyOf(applications));
  }

  /**
   * The groups with the owner role: as given, or {@code <tenant>-owners}. Promotion approvals ask
   * here too, so that who may approve and who the RBAC binds never disagree.
   */
  public static List<String> ownerGroupsOf(Tenant tenant) {
    TenantSpec.GroupsSpec groups = tenant.getSpec().getGroups();
    return groupsOr(
        groups == null ? null : groups.getOwners(), tenant.getMetadata().getName() + "-owners");
  }

  /** The namespace of an environment: as given, or {@code <tenant>-<environment>}. */
  public static String namespaceOf(String tenant, TenantSpec.EnvironmentSpec env) {
    return env.namespaceIn(tenant);
  }

  public Optional<EnvironmentModel> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public List<String> namespaces() {
    return environments.stream().map(EnvironmentModel::namespace).toList();
  }

  private static List<String> groupsOr(List<String> groups, String fallback) {
    return groups == null || groups.isEmpty() ? List.of(fallback) : List.copyOf(groups);
  }
}
