package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.DistributionSpec;
import java.util.Map;

/**
 * Where a distribution's cluster DNS pods run and the port they listen on, which tenants' egress
 * policies must open. A NetworkPolicy sees the pod's own port, after the Service has translated 53,
 * so OpenShift's DNS (port 5353 behind its Service's 53) needs its own entry.
 *
 * @param namespace the namespace of the DNS pods
 * @param podLabels labels that select the DNS pods there
 * @param port the port the DNS pods listen on, for UDP and TCP
 */
public record ClusterDns(String namespace, Map<String, String> podLabels, int port) {

  /** CoreDNS or kube-dns in kube-system: upstream Kubernetes, EKS, GKE, AKS and k3s alike. */
  static final ClusterDns KUBE_DNS =
      new ClusterDns("kube-system", Map.of("k8s-app", "kube-dns"), 53);

  /** The DNS operator's CoreDNS daemon set, listening on 5353. */
  static final ClusterDns OPENSHIFT_DNS =
      new ClusterDns(
          "openshift-dns", Map.of("dns.operator.openshift.io/daemonset-dns", "default"), 5353);

  public ClusterDns {
    podLabels = Map.copyOf(podLabels);
  }

  static ClusterDns of(DistributionSpec.Name distribution) {
    return distribution == DistributionSpec.Name.OPENSHIFT ? OPENSHIFT_DNS : KUBE_DNS;
  }
}
