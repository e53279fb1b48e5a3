package dev.bulwark.render;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small specs built in code, for render tests that must not depend on the loader. */
public final class TestSpecs {

  private TestSpecs() {}

  public static Platform platform(String domain) {
    return SpecObjects.platform("test", domain);
  }

  public static Tenant tenant(String name, String... environments) {
    return SpecObjects.tenant(name, environments);
  }

  public static Application application(
      String name, String tenant, int port, String... hostsInEnvs) {
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
