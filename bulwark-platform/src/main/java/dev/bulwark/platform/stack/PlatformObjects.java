package dev.bulwark.platform.stack;

import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Objects every component needs in the same shape: its namespace, and a route to its UI. */
public final class PlatformObjects {

  /** Label on the namespaces of platform components, naming the capability. */
  public static final String COMPONENT_LABEL = "bulwark.dev/component";

  /**
   * Annotation on a platform namespace whose Pod Security level is below restricted, saying why its
   * component cannot run restricted.
   */
  public static final String POD_SECURITY_REASON = "bulwark.dev/pod-security-reason";

  /** The ClusterIssuer Bulwark renders; certificates name {@code platform().clusterIssuer()}. */
  public static final String CLUSTER_ISSUER = RoutingUnit.CLUSTER_ISSUER;

  public static final String NGINX_CLASS = RoutingUnit.INGRESS_CLASS;

  private PlatformObjects() {}

  /**
   * The namespace of a component, with Pod Security labels at {@code level}: components that read
   * host paths or the host network (log shippers, node exporters, backup node agents) need
   * privileged; everything else runs at baseline or stricter.
   */
  public static Namespace namespace(String name, String capability, String level) {
    Map<String, String> labels = new TreeMap<>(Ownership.platform());
    labels.put(COMPONENT_LABEL, capability);
    labels.put("pod-security.kubernetes.io/enforce", level);
    labels.put("pod-security.kubernetes.io/audit", level);
    labels.put("pod-security.kubernetes.io/warn", level);
    Namespace namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .build();
    return CustomResource.withWave(namespace, SyncWave.NAMESPACES);
  }

  /** The same, below restricted, with the reason its component cannot run restricted. */
  public static Namespace namespace(String name, String capability, String level, String reason) {
    Namespace namespace = namespace(name, capability, level);
    namespace.getMetadata().getAnnotations().put(POD_SECURITY_REASON, reason);
    return namespace;
  }

  /**
   * The route to a platform UI at {@code host}: an HTTPRoute on the shared gateway's https
   * listener, or an Ingress when the compatibility ingress-nginx is the gateway.
   */
  public static HasMetadata route(
      Stack stack, String name, String namespace, String host, String service, int port) {
    return route(stack, name, namespace, host, "/", service, port);
  }

  /** The same for the requests under {@code path} only, for a host several services share. */
  public static HasMetadata route(
      Stack stack,
      String name,
      String namespace,
      String host,
      String path,
      String service,
      int port) {
    Map<String, String> labels = Ownership.platform();
    boolean nginx =
        stack.component("gateway").map(c -> c.is(RoutingUnit.INGRESS_NGINX)).orElse(false);
    if (nginx) {
      return CustomResource.withWave(
          new IngressBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .withLabels(labels)
              .addToAnnotations("cert-manager.io/cluster-issuer", stack.platform().clusterIssuer())
              .endMetadata()
              .withNewSpec()
              .withIngressClassName(NGINX_CLASS)
              .addNewTl()
              .withHosts(host)
              .withSecretName(name + "-tls")
              .endTl()
              .addNewRule()
              .withHost(host)
              .withNewHttp()
              .addNewPath()
              .withPath(path)
              .withPathType("Prefix")
              .withNewBackend()
              .withNewService()
              .withName(service)
              .withNewPort()
              .withNumber(port)
              .endPort()
              .endService()
              .endBackend()
              .endPath()
              .endHttp()
              .endRule()
              .endSpec()
              .build(),
          SyncWave.SERVICES);
    }
    return CustomResource.withWave(
        new HTTPRouteBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewParentRef()
            .withGroup("gateway.networking.k8s.io")
            .withKind("Gateway")
            .withName(PlatformModel.GATEWAY_NAME)
            .withNamespace(stack.platform().gatewayNamespace())
            .withSectionName("https")
            .endParentRef()
            .withHostnames(host)
            .addNewRule()
            .addNewMatch()
            .withNewPath()
            .withType("PathPrefix")
            .withValue(path)
            .endPath()
            .endMatch()
            .addNewBackendRef()
            .withName(service)
            .withPort(port)
            .endBackendRef()
            .endRule()
            .endSpec()
            .build(),
        SyncWave.SERVICES);
  }
}
