package dev.bulwark.platform.stack;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.render.model.PlatformModel;
import java.util.List;
import java.util.TreeSet;

/** The public hosts of the platform: its UIs and every application host. */
public final class Hosts {

  public static final String ARGO_CD = "argocd";
  public static final String GRAFANA = "grafana";
  public static final String KIBANA = "kibana";
  public static final String HARBOR = PlatformModel.REGISTRY_SUBDOMAIN;
  public static final String KEYCLOAK = "auth";
  public static final String CONSOLE = "console";

  /** The host Git hosts send webhooks to, a path per tenant ({@code /<tenant>}). */
  public static final String CI_HOOKS = "hooks";

  private Hosts() {}

  /** The hosts of the platform's own UIs that are enabled. */
  public static List<String> platform(Stack stack) {
    TreeSet<String> hosts = new TreeSet<>();
    hosts.add(stack.host(CONSOLE));
    if (stack.has("gitops")) {
      hosts.add(stack.host(ARGO_CD));
    }
    if (stack.has("metrics")) {
      hosts.add(stack.host(GRAFANA));
    }
    if (stack.component("logs").map(c -> c.is("eck")).orElse(false)) {
      hosts.add(stack.host(KIBANA));
    }
    if (stack.has("registry")) {
      hosts.add(stack.platform().registryHost());
    }
    if (stack.ownsIdentity()) {
      hosts.add(stack.host(KEYCLOAK));
    }
    if (stack.tenants().stream().anyMatch(tenant -> TenantCi.hasPipelines(stack, tenant))) {
      hosts.add(stack.host(CI_HOOKS));
    }
    return List.copyOf(hosts);
  }

  /** Every public host: the platform's UIs and all applications' hosts, sorted. */
  public static List<String> all(Stack stack) {
    TreeSet<String> hosts = new TreeSet<>(platform(stack));
    for (Application app : stack.context().spec().applications()) {
      app.getSpec().getHosts().stream().map(HostSpec::getHost).forEach(hosts::add);
    }
    return List.copyOf(hosts);
  }
}
