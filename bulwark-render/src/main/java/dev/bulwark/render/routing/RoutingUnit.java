package dev.bulwark.render.routing;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.PortSpec;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Routing: a Service for every application that declares ports, in each of its environments, and
 * an HTTPRoute on the platform gateway for each of its public hosts.
 */
public final class RoutingUnit implements RenderUnit {

  public static final String CAPABILITY = "routing";

  @Override
  public String capability() {
    return CAPABILITY;
  }

  @Override
  public List<HasMetadata> render(RenderContext context) {
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
          tenant.environment(host.getEnvironment())
              .ifPresent(env -> objects.add(route(app, host, tenant, env, context.platform())));
        }
      }
    }
    return objects;
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
        .withNewMetadata().withName(Names.label(name)).withNamespace(env.namespace()).withLabels(labels).endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(java.util.Map.of("app.kubernetes.io/name", name))
        .withPorts(app.getSpec().getPorts().stream()
            .map(p -> new ServicePortBuilder()
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
      Application app, HostSpec host, TenantModel tenant, EnvironmentModel env, PlatformModel platform) {
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
        .addNewMatch().withNewPath().withType("PathPrefix").withValue(host.getPath() == null ? "/" : host.getPath()).endPath().endMatch()
        .addNewBackendRef().withName(Names.label(name)).withPort(port.getPort()).endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  private static PortSpec portOf(Application app, HostSpec host) {
    List<PortSpec> ports = app.getSpec().getPorts();
    if (host.getPort() == null) {
      return ports.get(0);
    }
    return ports.stream().filter(p -> p.getName().equals(host.getPort())).findFirst().orElse(ports.get(0));
  }

  private static String appProtocol(PortSpec port) {
    PortSpec.Protocol protocol = port.getProtocol() == null ? PortSpec.Protocol.HTTP : port.getProtocol();
    return switch (protocol) {
      case HTTP -> "http";
      case GRPC -> "kubernetes.io/h2c";
      case TCP -> "tcp";
    };
  }

}
