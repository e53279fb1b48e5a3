package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.render.Names;
import dev.bulwark.render.model.TenantModel;
import java.util.List;

/**
 * A tenant's CI as every capability sees it: which applications Bulwark builds with Tekton, which
 * the tenant builds with its own CI, and the namespace the pipelines run in. The pipeline, secrets
 * and registry units all read it here, below them, so that they agree on the namespace's name and
 * on when it exists.
 */
public final class TenantCi {

  private TenantCi() {}

  /**
   * The namespace the tenant's pipelines run in, apart from its workload namespaces: {@code
   * <tenant>-ci}. The loader rejects a tenant whose environment namespace has that name.
   */
  public static String namespace(String tenant) {
    return Names.ciNamespace(tenant);
  }

  /** The tenant's applications that Bulwark builds with a Tekton pipeline. */
  public static List<Application> tektonBuilds(TenantModel tenant) {
    return builds(tenant, BuildSpec.Ci.TEKTON);
  }

  /** The tenant's applications that the tenant's own CI builds. */
  public static List<Application> externalBuilds(TenantModel tenant) {
    return builds(tenant, BuildSpec.Ci.EXTERNAL);
  }

  /** Whether the tenant has a CI namespace: Tekton is on and one of its applications uses it. */
  public static boolean hasPipelines(Stack stack, TenantModel tenant) {
    return stack.has("ci") && !tektonBuilds(tenant).isEmpty();
  }

  /** Who builds {@code app}; null when it has no build. */
  public static BuildSpec.Ci ciOf(Application app) {
    BuildSpec build = app.getSpec().getBuild();
    if (build == null) {
      return null;
    }
    return build.getCi() == null ? BuildSpec.Ci.TEKTON : build.getCi();
  }

  private static List<Application> builds(TenantModel tenant, BuildSpec.Ci ci) {
    return tenant.applications().stream().filter(app -> ciOf(app) == ci).toList();
  }
}
