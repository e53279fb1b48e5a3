package dev.bulwark.policy.export;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code policy} capability: the library's ValidatingAdmissionPolicies, platform-wide, and
 * their bindings, which select tenant namespaces by their tenant and Pod Security labels so that
 * every tenant is held to its own level (see docs/adr/0006-policy-one-cel-source.md). Parameters
 * come from the platform spec: its domain, gateway namespace and registry, and the hosts each
 * tenant claims.
 *
 * <p>Pure: the library is loaded once, from the classpath, when the unit is constructed; {@link
 * #render} reads nothing but the spec.
 */
public final class PolicyRenderUnit implements RenderUnit {

  public static final String CAPABILITY = "policy";

  private final PolicyLibrary library;

  public PolicyRenderUnit() {
    this(PolicyLibrary.standard());
  }

  public PolicyRenderUnit(PolicyLibrary library) {
    this.library = library;
  }

  @Override
  public String capability() {
    return CAPABILITY;
  }

  @Override
  public List<HasMetadata> render(RenderContext context) {
    List<HasMetadata> objects =
        new ArrayList<>(VapExporter.export(library, params(context), Ownership.platform()));
    objects.addAll(FloorGuard.objects(context.platform(), context.tenants(), Ownership.platform()));
    return objects;
  }

  /** The parameters the spec determines. */
  public static Map<String, Object> params(RenderContext context) {
    Map<String, Object> params = new LinkedHashMap<>();
    String domain = context.platform().domain();
    params.put("domain", domain);
    params.put("platformRegistry", context.platform().registryHost());
    params.put("gatewayNamespace", context.platform().gatewayNamespace());
    Map<String, Object> tenantHosts = new TreeMap<>();
    for (TenantModel tenant : context.tenants()) {
      List<String> hosts = new ArrayList<>();
      for (Application app : tenant.applications()) {
        app.getSpec().getHosts().stream()
            .map(h -> h.getHost())
            .filter(h -> needsClaim(h, tenant.name(), domain))
            .forEach(hosts::add);
      }
      if (!hosts.isEmpty()) {
        tenantHosts.put(tenant.name(), hosts.stream().sorted().distinct().toList());
      }
    }
    params.put("tenantHosts", tenantHosts);
    return params;
  }

  /**
   * Whether the route-hosts policy needs {@code host} listed to admit it for {@code tenant}: a host
   * outside the tenant's domain and its subdomains. Only those are written into the policy, whose
   * parameters become one CEL literal: listing every host made the expression outgrow the API
   * server's limit of 100,000 code points at about 3,000 hosts, and the policy was refused.
   */
  public static boolean needsClaim(String host, String tenant, String domain) {
    String tenantDomain = tenant + "." + domain;
    return !host.equals(tenantDomain) && !host.endsWith("." + tenantDomain);
  }
}
