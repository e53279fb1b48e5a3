package dev.bulwark.render.tenancy;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.ClusterDns;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Default deny in both directions, then the few openings every tenant environment needs: DNS,
 * traffic inside the environment, the shared gateway and the metrics scrapers.
 */
final class TenantNetworkPolicies {

  /** The label the API server sets on every namespace, so selecting by name cannot be spoofed. */
  static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  private TenantNetworkPolicies() {}

  static List<HasMetadata> policies(
      TenantModel tenant, EnvironmentModel env, PlatformModel platform) {
    List<HasMetadata> policies = new ArrayList<>();
    ClusterDns dns = platform.clusterDns();
    policies.add(
        base("bulwark-default-deny", tenant, env)
            .withNewSpec()
            .withPodSelector(new LabelSelector())
            .withPolicyTypes("Ingress", "Egress")
            .endSpec()
            .build());
    policies.add(
        base("bulwark-allow-dns", tenant, env)
            .withNewSpec()
            .withPodSelector(new LabelSelector())
            .withPolicyTypes("Egress")
            .addNewEgress()
            .withTo(
                new NetworkPolicyPeerBuilder()
                    .withNamespaceSelector(byName(dns.namespace()))
                    .withPodSelector(
                        new LabelSelectorBuilder().withMatchLabels(dns.podLabels()).build())
                    .build())
            .withPorts(
                new NetworkPolicyPortBuilder()
                    .withProtocol("UDP")
                    .withPort(new IntOrString(dns.port()))
                    .build(),
                new NetworkPolicyPortBuilder()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(dns.port()))
                    .build())
            .endEgress()
            .endSpec()
            .build());
    NetworkPolicyPeer sameNamespace =
        new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build();
    policies.add(
        base("bulwark-allow-same-environment", tenant, env)
            .withNewSpec()
            .withPodSelector(new LabelSelector())
            .withPolicyTypes("Ingress", "Egress")
            .addNewIngress()
            .withFrom(sameNamespace)
            .endIngress()
            .addNewEgress()
            .withTo(sameNamespace)
            .endEgress()
            .endSpec()
            .build());
    policies.add(
        fromNamespace("bulwark-allow-from-gateway", platform.gatewayNamespace(), tenant, env));
    policies.add(
        fromNamespace(
            "bulwark-allow-from-monitoring", platform.monitoringNamespace(), tenant, env));
    if (!tenant.egressCidrs().isEmpty()) {
      policies.add(
          base("bulwark-allow-egress-cidrs", tenant, env)
              .withNewSpec()
              .withPodSelector(new LabelSelector())
              .withPolicyTypes("Egress")
              .addNewEgress()
              .withTo(
                  tenant.egressCidrs().stream()
                      .map(
                          cidr ->
                              new NetworkPolicyPeerBuilder()
                                  .withNewIpBlock()
                                  .withCidr(cidr)
                                  .endIpBlock()
                                  .build())
                      .toList())
              .endEgress()
              .endSpec()
              .build());
    }
    return policies;
  }

  private static NetworkPolicy fromNamespace(
      String name, String namespace, TenantModel tenant, EnvironmentModel env) {
    return base(name, tenant, env)
        .withNewSpec()
        .withPodSelector(new LabelSelector())
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withFrom(new NetworkPolicyPeerBuilder().withNamespaceSelector(byName(namespace)).build())
        .endIngress()
        .endSpec()
        .build();
  }

  private static LabelSelector byName(String namespace) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME, namespace)).build();
  }

  private static NetworkPolicyBuilder base(String name, TenantModel tenant, EnvironmentModel env) {
    // The floor label puts these out of the tenant's reach (ADR 0029): owners add policies, they
    // do not change or delete the platform's.
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(env.namespace())
        .withLabels(Ownership.environment(tenant.name(), env.name()))
        .addToLabels(BulwarkLabels.FLOOR, "true")
        .endMetadata();
  }
}
