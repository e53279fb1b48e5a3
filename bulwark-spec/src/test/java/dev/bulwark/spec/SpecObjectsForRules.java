package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.AutoscalingSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Objects built in code for {@link ApplicationRules}, as the operator hands them over. */
final class SpecObjectsForRules {

  private SpecObjectsForRules() {}

  static Tenant tenant(String name, String environment, int pods) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    TenantSpec.EnvironmentSpec env = new TenantSpec.EnvironmentSpec();
    env.setName(environment);
    TenantSpec.QuotaSpec quota = new TenantSpec.QuotaSpec();
    quota.setPods(pods);
    env.setQuota(quota);
    TenantSpec spec = new TenantSpec();
    spec.setEnvironments(List.of(env));
    tenant.setSpec(spec);
    return tenant;
  }

  static Application app(String name, String tenant, String image) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    spec.setImage(image);
    ApplicationSpec.AppEnvironmentSpec prod = new ApplicationSpec.AppEnvironmentSpec();
    prod.setName("prod");
    spec.setEnvironments(List.of(prod));
    app.setSpec(spec);
    return app;
  }

  static AutoscalingSpec hpa(int min, int max) {
    AutoscalingSpec hpa = new AutoscalingSpec();
    hpa.setMinReplicas(min);
    hpa.setMaxReplicas(max);
    return hpa;
  }
}
