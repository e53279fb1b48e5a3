package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.model.TenantModel;
import java.util.List;

/**
 * One application as promotion sees it: its tenant, its name, the image repository its
 * kustomization entries are named after (as written in the spec, without tag or digest), its
 * environments in order and the groups whose members may approve, as the tenant's owner
 * RoleBindings bind them (the platform's OIDC groups prefix and the group's name), which is how the
 * API server reports the approver's groups too.
 */
public record DeliveryTarget(
    String tenant, String application, String image, PromotionChain chain, List<String> owners) {

  public DeliveryTarget {
    owners = List.copyOf(owners);
  }

  /**
   * The target with the owner groups as the spec names them, for a caller that strips the prefix
   * from the approver's groups itself.
   */
  public static DeliveryTarget of(Application app, Tenant tenant, String image) {
    return of(app, tenant, image, "");
  }

  /**
   * The target with the owner groups as bound: {@code groupPrefix} (the Platform's {@code
   * spec.identity.groupPrefix}) before each name.
   */
  public static DeliveryTarget of(
      Application app, Tenant tenant, String image, String groupPrefix) {
    return new DeliveryTarget(
        tenant.getMetadata().getName(),
        app.getMetadata().getName(),
        image,
        PromotionChain.of(app, tenant),
        TenantModel.ownerGroupsOf(tenant).stream().map(g -> groupPrefix + g).toList());
  }

  /** The kustomization of one environment, by the GitOps tree's layout (ADR 0004). */
  public String kustomization(String environment) {
    return "tenants/" + tenant + "/" + environment + "/kustomization.yaml";
  }

  /** {@code tenant/application}, as messages and commit trailers name it. */
  public String qualifiedName() {
    return tenant + "/" + application;
  }
}
