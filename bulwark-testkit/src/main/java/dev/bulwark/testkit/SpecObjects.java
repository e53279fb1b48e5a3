package dev.bulwark.testkit;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/** Minimal spec objects built in code, for tests that must not depend on the loader. */
public final class SpecObjects {

  private SpecObjects() {}

  /** A Platform with only its name and domain set. */
  public static Platform platform(String name, String domain) {
    Platform platform = new Platform();
    platform.setMetadata(new ObjectMetaBuilder().withName(name).build());
    PlatformSpec spec = new PlatformSpec();
    spec.setDomain(domain);
    platform.setSpec(spec);
    return platform;
  }

  /** A Tenant with the named environments and every other field at its default. */
  public static Tenant tenant(String name, String... environments) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    TenantSpec spec = new TenantSpec();
    List<TenantSpec.EnvironmentSpec> envs = new ArrayList<>();
    for (String env : environments) {
      TenantSpec.EnvironmentSpec e = new TenantSpec.EnvironmentSpec();
      e.setName(env);
      envs.add(e);
    }
    spec.setEnvironments(envs);
    tenant.setSpec(spec);
    return tenant;
  }
}
