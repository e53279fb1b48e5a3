package dev.bulwark.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small specs built in code, for render tests that must not depend on the loader. */
public final class TestSpecs {

  private TestSpecs() {}

  public static Platform platform(String domain) {
    Platform platform = new Platform();
    platform.setMetadata(new ObjectMetaBuilder().withName("test").build());
    PlatformSpec spec = new PlatformSpec();
    spec.setDomain(domain);
    platform.setSpec(spec);
    return platform;
  }

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

  public static Application application(String name, String tenant, int port, String... hostsInEnvs) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    ApplicationSpec.PortSpec p = new ApplicationSpec.PortSpec();
    p.setName("http");
    p.setPort(port);
    spec.setPorts(List.of(p));
    List<ApplicationSpec.HostSpec> hosts = new ArrayList<>();
    for (String hostInEnv : hostsInEnvs) {
      String[] parts = hostInEnv.split("@");
      ApplicationSpec.HostSpec h = new ApplicationSpec.HostSpec();
      h.setHost(parts[0]);
      h.setEnvironment(parts[1]);
      hosts.add(h);
    }
    spec.setHosts(hosts);
    app.setSpec(spec);
    return app;
  }

  public static BulwarkSpec spec(Platform platform, List<Tenant> tenants, Application... apps) {
    return new BulwarkSpec(platform, tenants, Arrays.asList(apps));
  }
}
