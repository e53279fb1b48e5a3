package dev.bulwark.render.tenancy;

import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenancy: for every tenant environment, an isolated namespace with Pod Security labels, RBAC for
 * the tenant's groups, a quota and limit range, default-deny network policies and a pipeline
 * service account.
 */
public final class TenancyUnit implements RenderUnit {

  public static final String CAPABILITY = "tenancy";

  /**
   * The docker-registry Secret the pipeline ServiceAccount pulls and pushes with: the platform's
   * registry unit delivers it (the tenant's robot account, through External Secrets). Without a
   * registry it does not exist, and the kubelet pulls without it.
   */
  public static final String REGISTRY_PULL_SECRET = "bulwark-registry";

  @Override
  public String capability() {
    return CAPABILITY;
  }

  @Override
  public List<HasMetadata> render(RenderContext context) {
    List<HasMetadata> objects = new ArrayList<>();
    for (TenantModel tenant : context.tenants()) {
      for (EnvironmentModel env : tenant.environments()) {
        objects.add(TenantNamespace.namespace(tenant, env));
        objects.addAll(TenantRbac.rolesAndBindings(tenant, env, context.platform()));
        objects.add(TenantQuota.resourceQuota(tenant, env));
        objects.add(TenantQuota.limitRange(tenant, env));
        objects.addAll(TenantNetworkPolicies.policies(tenant, env, context.platform()));
        objects.addAll(PipelineServiceAccount.objects(tenant, env));
      }
    }
    return objects;
  }
}
