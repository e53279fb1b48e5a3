package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * The Kubernetes distribution the platform runs on. It is separate from {@code spec.provider} (the
 * infrastructure) because the two vary independently: k3s and OpenShift run on any cloud or on bare
 * metal, while EKS, GKE and AKS each imply their cloud (ADR 0035).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DistributionSpec {

  /** The distributions Bulwark has defaults for. */
  public enum Name {
    @JsonProperty("generic")
    GENERIC,
    @JsonProperty("eks")
    EKS,
    @JsonProperty("gke")
    GKE,
    @JsonProperty("aks")
    AKS,
    @JsonProperty("k3s")
    K3S,
    @JsonProperty("openshift")
    OPENSHIFT
  }

  /** Whether the gateway's load balancer faces the internet or only the private network. */
  public enum LoadBalancer {
    @JsonProperty("external")
    EXTERNAL,
    @JsonProperty("internal")
    INTERNAL
  }

  @Default("generic")
  @JsonPropertyDescription(
      "generic, eks, gke, aks, k3s or openshift: selects the default storage and snapshot classes, the DNS provider, the gateway's load balancer annotations and workload identity. eks, gke and aks need spec.provider aws, gcp and azure.")
  private Name name = Name.GENERIC;

  @Default("external")
  @JsonPropertyDescription(
      "external: the gateway's load balancer gets a public address; internal: an address in the cluster's private network only (EKS, GKE and AKS).")
  private LoadBalancer loadBalancer = LoadBalancer.EXTERNAL;

  @JsonPropertyDescription(
      "The cloud identities the components that call the cloud's API run as (EKS: IAM role ARNs, GKE: Google service account e-mails, AKS: managed identity client IDs), put on their ServiceAccounts instead of static credentials.")
  private WorkloadIdentitySpec workloadIdentity;

  public Name getName() {
    return name;
  }

  public void setName(Name name) {
    this.name = name;
  }

  public LoadBalancer getLoadBalancer() {
    return loadBalancer;
  }

  public void setLoadBalancer(LoadBalancer loadBalancer) {
    this.loadBalancer = loadBalancer;
  }

  public WorkloadIdentitySpec getWorkloadIdentity() {
    return workloadIdentity;
  }

  public void setWorkloadIdentity(WorkloadIdentitySpec workloadIdentity) {
    this.workloadIdentity = workloadIdentity;
  }

  /** The cloud identity of each component that talks to the cloud's API. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WorkloadIdentitySpec {
    @JsonPropertyDescription("Identity of external-dns, which writes the DNS zone.")
    private String dns;

    @JsonPropertyDescription(
        "Identity of cert-manager, which writes DNS-01 challenge records into the zone.")
    private String certificates;

    @JsonPropertyDescription("Identity of Velero, which writes backups and takes disk snapshots.")
    private String backup;

    public String getDns() {
      return dns;
    }

    public void setDns(String dns) {
      this.dns = dns;
    }

    public String getCertificates() {
      return certificates;
    }

    public void setCertificates(String certificates) {
      this.certificates = certificates;
    }

    public String getBackup() {
      return backup;
    }

    public void setBackup(String backup) {
      this.backup = backup;
    }
  }
}
