package dev.bulwark.render.routing;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.PortSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Routing: a Service for every application that declares ports, in each of its environments, and an
 * HTTPRoute on the platform gateway for each of its public hosts; or, when the platform's gateway
 * is the compatibility ingress-nginx ({@code spec.components.gateway.implementation}), an Ingress
 * of class {@value #INGRESS_CLASS} per host instead, with its certificate from the platform issuer
 * through cert-manager's ingress shim.
 */
public final class RoutingUnit implements RenderUnit {

  public static final String CAPABILITY = "routing";

  /** The gateway implementation that routes with Ingresses rather than Gateway API routes. */
  public static final String INGRESS_NGINX = "ingress-nginx";

  /** The IngressClass the platform's ingress-nginx serves. */
  public static final String INGRESS_CLASS = "nginx";

  /** The ClusterIssuer that signs every platform and tenant certificate. */
  public static final String CLUSTER_ISSUER = PlatformModel.BULWARK_ISSUER;

  @Override
  public String capability() {
    return CAPABILITY;
  }

  @Override
  public List<HasMetadata> render(RenderContext context) {
    boolean ingresses = usesIngress(context);
    List<HasMetadata> objects = new ArrayList<>();
    for (TenantModel tenant : context.tenants()) {
      for (Application app : tenant.applications()) {
        if (app.getSpec().getPorts().isEmpty()) {
          continue;
        }
        for (EnvironmentModel env : environmentsOf(app, tenant)) {
          objects.add(service(app, tenant, env));
        }
        for (HostSpec host : app.getSpec().getHosts()) {
          tenant
              .environment(host.getEnvironment())
              .ifPresent(
                  env ->
                      objects.add(
                          ingresses
                              ? ingress(app, host, tenant, env, context.platform())
                              : route(app, host, tenant, env, context.platform())));
        }
      }
    }
    return objects;
  }

  /** Whether the platform's gateway is ingress-nginx, which serves Ingresses and no HTTPRoutes. */
  public static boolean usesIngress(RenderContext context) {
    ComponentsSpec components = context.spec().platform().getSpec().getComponents();
    return components != null
        && components.getGateway() != null
        && INGRESS_NGINX.equals(components.getGateway().getImplementation());
  }

  /** The environments an application runs in: those it names, or all of its tenant's. */
  public static List<EnvironmentModel> environmentsOf(Application app, TenantModel tenant) {
    if (app.getSpec().getEnvironments().isEmpty()) {
      return tenant.environments();
    }
    return app.getSpec().getEnvironments().stream()
        .flatMap(e -> tenant.environment(e.getName()).stream())
        .toList();
  }

  private static Service service(Application app, TenantModel tenant, EnvironmentModel env) {
    String name = app.getMetadata().getName();
    var labels = Ownership.application(tenant.name(), env.name(), name);
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.label(name))
        .withNamespace(env.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(java.util.Map.of("app.kubernetes.io/name", name))
        .withPorts(
            app.getSpec().getPorts().stream()
                .map(
                    p ->
                        new ServicePortBuilder()
                            .withName(p.getName())
                            .withPort(p.getPort())
                            .withTargetPort(new IntOrString(p.getName()))
                            .withProtocol("TCP")
                            .withAppProtocol(appProtocol(p))
                            .build())
                .toList())
        .endSpec()
        .build();
  }

  private static HTTPRoute route(
      Application app,
      HostSpec host,
      TenantModel tenant,
      EnvironmentModel env,
      PlatformModel platform) {
    String name = app.getMetadata().getName();
    PortSpec port = portOf(app, host);
    return new HTTPRouteBuilder()
        .withNewMetadata()
        .withName(Names.subdomain(name, host.getHost()))
        .withNamespace(env.namespace())
        .withLabels(Ownership.application(tenant.name(), env.name(), name))
        .endMetadata()
        .withNewSpec()
        .addNewParentRef()
        .withGroup("gateway.networking.k8s.io")
        .withKind("Gateway")
        .withName(PlatformModel.GATEWAY_NAME)
        .withNamespace(platform.gatewayNamespace())
        .withSectionName("https")
        .endParentRef()
        .withHostnames(host.getHost())
        .addNewRule()
        .addNewMatch()
        .withNewPath()
        .withType("PathPrefix")
        .withValue(host.getPath() == null ? "/" : host.getPath())
        .endPath()
        .endMatch()
        .addNewBackendRef()
        .withName(Names.label(name))
        .withPort(port.getPort())
        .endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  private static Ingress ingress(
      Application app,
      HostSpec host,
      TenantModel tenant,
      EnvironmentModel env,
      PlatformModel platform) {
    String name = app.getMetadata().getName();
    String ingressName = Names.subdomain(name, host.getHost());
    return new IngressBuilder()
        .withNewMetadata()
        .withName(ingressName)
        .withNamespace(env.namespace())
        .withLabels(Ownership.application(tenant.name(), env.name(), name))
        .addToAnnotations("cert-manager.io/cluster-issuer", platform.clusterIssuer())
        .endMetadata()
        .withNewSpec()
        .withIngressClassName(INGRESS_CLASS)
        .addNewTl()
        .withHosts(host.getHost())
        .withSecretName(Names.subdomain(ingressName, "tls"))
        .endTl()
        .addNewRule()
        .withHost(host.getHost())
        .withNewHttp()
        .addNewPath()
        .withPath(host.getPath() == null ? "/" : host.getPath())
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(Names.label(name))
        .withNewPort()
        .withNumber(portOf(app, host).getPort())
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  private static PortSpec portOf(Application app, HostSpec host) {
    List<PortSpec> ports = app.getSpec().getPorts();
    if (host.getPort() == null) {
      return ports.get(0);
    }
    return ports.stream()
        .filter(p -> p.getName().equals(host.getPort()))
        .findFirst()
        .orElse(ports.get(0));
  }

  private static String appProtocol(PortSpec port) {
    PortSpec.Protocol protocol =
        port.getProtocol() == null ? PortSpec.Protocol.HTTP : port.getProtocol();
    return switch (protocol) {
      case HTTP -> "http";
      case GRPC -> "kubernetes.io/h2c";
      case TCP -> "tcp";
    };
  }
}
