package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.model.TenantModel;
import java.util.List;

/**
 * One application as promotion sees it: its tenant, its name, the image repository its
 * kustomization entries are named after (as written in the spec, without tag or digest), its
 * environments in order and the groups whose members may approve.
 */
public record DeliveryTarget(
    String tenant, String application, String image, PromotionChain chain, List<String> owners) {

  public DeliveryTarget {
    owners = List.copyOf(owners);
  }

  public static DeliveryTarget of(Application app, Tenant tenant, String image) {
    return new DeliveryTarget(
        tenant.getMetadata().getName(),
        app.getMetadata().getName(),
        image,
        PromotionChain.of(app, tenant),
        TenantModel.ownerGroupsOf(tenant));
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
