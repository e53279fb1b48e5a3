package dev.bulwark.platform.gateway;

import dev.bulwark.platform.certificates.IssuerKind;
import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.PlatformModel;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutesBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructureBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ingress: Envoy Gateway with the shared Gateway {@code bulwark} whose {@code https} listener every
 * tenant HTTPRoute and platform UI attaches to, and its certificate from the platform issuer. With
 * the compatibility ingress-nginx, its controller in the platform gateway namespace (the one tenant
 * network policies admit); the routing unit then renders Ingresses instead of HTTPRoutes.
 */
public final class GatewayUnit extends ComponentUnit {

  public static final String GATEWAY_CLASS = "bulwark";
  public static final String TLS_SECRET = "bulwark-gateway-tls";

  public GatewayUnit() {}

  public GatewayUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "gateway";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    String gatewayNamespace = stack.platform().gatewayNamespace();
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "restricted"));
    if (!component.namespace().equals(gatewayNamespace)) {
      objects.add(PlatformObjects.namespace(gatewayNamespace, capability(), "restricted"));
    }
    if (component.is("ingress-nginx")) {
      // Tenant hosts get their Ingresses from the routing unit (RoutingUnit.usesIngress).
      objects.add(
          ComponentApplication.of(stack, component, "ingress-nginx")
              .values(nginxValues(Distribution.of(stack.spec())))
              .build());
      return objects;
    }
    objects.add(
        ComponentApplication.of(stack, component, "envoy-gateway")
            .values(
                Values.map(
                    "config",
                    Values.map(
                        "envoyGateway",
                        Values.map(
                            // Proxies run beside their Gateway, in the namespace tenant network
                            // policies admit.
                            "provider",
                            Values.map(
                                "type",
                                "Kubernetes",
                                "kubernetes",
                                Values.map("deploy", Values.map("type", "GatewayNamespace")))))))
            .build());
    objects.add(
        CustomResource.withWave(
            new GatewayClassBuilder()
                .withNewMetadata()
                .withName(GATEWAY_CLASS)
                .withLabels(Ownership.platform())
                .endMetadata()
                .withNewSpec()
                .withControllerName("gateway.envoyproxy.io/gatewayclass-controller")
                .endSpec()
                .build(),
            SyncWave.RESOURCES));
    objects.add(gateway(stack, gatewayNamespace));
    if (stack.has("certificates")) {
      objects.add(certificate(stack, gatewayNamespace));
    }
    return objects;
  }

  private static java.util.Map<String, Object> nginxValues(Distribution distribution) {
    return Values.map(
        "controller",
        Values.map(
            "ingressClassResource",
                Values.map("name", PlatformObjects.NGINX_CLASS, "default", true),
            "service",
                Values.map(
                    "type",
                    "LoadBalancer",
                    "annotations",
                    annotations(distribution.gatewayServiceAnnotations())),
            // Snippets let a tenant inject configuration into the shared proxy (CVE-2021-25742).
            "allowSnippetAnnotations", false,
            "config", Values.map("annotations-risk-level", "Critical")));
  }

  private static HasMetadata gateway(Stack stack, String namespace) {
    return CustomResource.withWave(
        new GatewayBuilder()
            .withNewMetadata()
            .withName(PlatformModel.GATEWAY_NAME)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName(GATEWAY_CLASS)
            .withInfrastructure(infrastructure(Distribution.of(stack.spec())))
            .addNewListener()
            .withName("http")
            .withProtocol("HTTP")
            .withPort(80)
            .withAllowedRoutes(tenantRoutes())
            .endListener()
            .addNewListener()
            .withName("https")
            .withProtocol("HTTPS")
            .withPort(443)
            .withNewTls()
            .withMode("Terminate")
            .addNewCertificateRef()
            .withKind("Secret")
            .withGroup("")
            .withName(TLS_SECRET)
            .endCertificateRef()
            .endTls()
            .withAllowedRoutes(tenantRoutes())
            .endListener()
            .endSpec()
            .build(),
        SyncWave.DERIVED_RESOURCES);
  }

  /**
   * The gateway's certificate: wildcards where the issuer can prove them (DNS-01 or a CA), else
   * every platform and application host by name, as HTTP-01 requires.
   */
  private static HasMetadata certificate(Stack stack, String namespace) {
    boolean wildcard = IssuerKind.of(stack, stack.require("certificates")).wildcard();
    List<String> names = wildcard ? wildcardNames(stack) : Hosts.all(stack);
    return CustomResource.withWave(
        new CertificateBuilder()
            .withNewMetadata()
            .withName("bulwark-gateway")
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .withSecretName(TLS_SECRET)
            .withDnsNames(names)
            .withNewIssuerRef()
            .withGroup("cert-manager.io")
            .withKind("ClusterIssuer")
            .withName(stack.platform().clusterIssuer())
            .endIssuerRef()
            .endSpec()
            .build(),
        SyncWave.RESOURCES);
  }

  /**
   * The domain, a wildcard for its subdomains, and one for the parent of every deeper host: a
   * wildcard stands for one label only, so {@code *.acme.example.com} does not cover an
   * environment's {@code www.dev.acme.example.com}. (The loader keeps every host under the domain.)
   */
  static List<String> wildcardNames(Stack stack) {
    String domain = stack.domain();
    TreeSet<String> names = new TreeSet<>(List.of("*." + domain));
    for (String host : Hosts.all(stack)) {
      names.add("*." + host.substring(host.indexOf('.') + 1));
    }
    List<String> all = new ArrayList<>(List.of(domain));
    all.addAll(names);
    return all;
  }

  /**
   * The distribution's load balancer annotations, which Envoy Gateway copies from the Gateway's
   * infrastructure onto the Service it creates (so no EnvoyProxy resource is needed); null when
   * there are none, so that other distributions' Gateways stay as they were.
   */
  private static GatewayInfrastructure infrastructure(Distribution distribution) {
    java.util.Map<String, String> annotations = distribution.gatewayServiceAnnotations();
    return annotations.isEmpty()
        ? null
        : new GatewayInfrastructureBuilder().withAnnotations(new TreeMap<>(annotations)).build();
  }

  private static java.util.Map<String, String> annotations(java.util.Map<String, String> map) {
    return map.isEmpty() ? null : new TreeMap<>(map);
  }

  /** Both listeners take routes from tenants' namespaces only. */
  private static AllowedRoutes tenantRoutes() {
    return new AllowedRoutesBuilder()
        .withNewNamespaces()
        .withFrom("Selector")
        .withNewSelector()
        .addNewMatchExpression()
        .withKey(dev.bulwark.api.BulwarkLabels.TENANT)
        .withOperator("Exists")
        .endMatchExpression()
        .endSelector()
        .endNamespaces()
        .build();
  }
}
