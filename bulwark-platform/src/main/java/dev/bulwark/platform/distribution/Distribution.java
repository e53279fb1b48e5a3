package dev.bulwark.platform.distribution;

import dev.bulwark.api.v1alpha1.DistributionSpec;
import dev.bulwark.api.v1alpha1.DistributionSpec.LoadBalancer;
import dev.bulwark.api.v1alpha1.DistributionSpec.Name;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.Provider;
import dev.bulwark.platform.stack.Values;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a Kubernetes distribution changes in the platform, as pure values: the default storage and
 * snapshot classes, the cloud each managed distribution implies, the annotations the gateway's load
 * balancer Service needs, and the ServiceAccount annotation that binds a component to a cloud
 * identity. The render units ask here; docs/distributions.md says why each value is what it is.
 *
 * @param name the distribution
 * @param loadBalancer whether the gateway faces the internet or the private network only
 * @param identities the cloud identity of each component that calls the cloud (dns, certificates,
 *     backup), never null
 */
public record Distribution(
    Name name, LoadBalancer loadBalancer, DistributionSpec.WorkloadIdentitySpec identities) {

  /** The cloud each managed distribution runs on; k3s, OpenShift and generic run anywhere. */
  public static final Map<Name, Provider> CLOUDS =
      Map.of(Name.EKS, Provider.AWS, Name.GKE, Provider.GCP, Name.AKS, Provider.AZURE);

  /** The ServiceAccount annotation each managed distribution's workload identity reads. */
  public static final Map<Name, String> IDENTITY_ANNOTATIONS =
      Map.of(
          Name.EKS, "eks.amazonaws.com/role-arn",
          Name.GKE, "iam.gke.io/gcp-service-account",
          Name.AKS, "azure.workload.identity/client-id");

  /**
   * The distribution of {@code spec}; an absent {@code spec.distribution} is generic, which leaves
   * the platform as {@code spec.provider} alone makes it.
   */
  public static Distribution of(PlatformSpec spec) {
    DistributionSpec d =
        spec.getDistribution() == null ? new DistributionSpec() : spec.getDistribution();
    return new Distribution(
        d.getName() == null ? Name.GENERIC : d.getName(),
        d.getLoadBalancer() == null ? LoadBalancer.EXTERNAL : d.getLoadBalancer(),
        d.getWorkloadIdentity() == null
            ? new DistributionSpec.WorkloadIdentitySpec()
            : d.getWorkloadIdentity());
  }

  /**
   * The default StorageClass this distribution gets from Bulwark: empty where the distribution's
   * own default is the right one (OpenShift installs one per platform) or where Bulwark knows of
   * none (generic: the storage unit then falls back to the provider's CSI driver).
   */
  public Optional<StorageDefaults> storage() {
    return Optional.ofNullable(
        switch (name) {
          case EKS -> StorageDefaults.withSnapshots("ebs.csi.aws.com", Map.of("type", "gp3"));
          case GKE ->
              StorageDefaults.withSnapshots("pd.csi.storage.gke.io", Map.of("type", "pd-balanced"));
          case AKS ->
              StorageDefaults.withSnapshots(
                  "disk.csi.azure.com", Map.of("skuName", "StandardSSD_LRS"));
          case K3S -> StorageDefaults.LOCAL_PATH;
          case OPENSHIFT, GENERIC -> null;
        });
  }

  /**
   * Annotations for the gateway's LoadBalancer Service. EKS: an NLB from the AWS Load Balancer
   * Controller with IP targets (the in-tree controller would make a Classic ELB); GKE and AKS: an
   * internal load balancer when asked for. k3s' ServiceLB and OpenShift need none.
   */
  public Map<String, String> gatewayServiceAnnotations() {
    boolean internal = loadBalancer == LoadBalancer.INTERNAL;
    return switch (name) {
      case EKS ->
          Map.of(
              "service.beta.kubernetes.io/aws-load-balancer-type", "external",
              "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip",
              "service.beta.kubernetes.io/aws-load-balancer-scheme",
                  internal ? "internal" : "internet-facing");
      case GKE ->
          internal
              ? Map.of("networking.gke.io/load-balancer-type", "Internal")
              : Map.of("cloud.google.com/l4-rbs", "enabled");
      case AKS ->
          internal
              ? Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "true")
              : Map.of();
      case K3S, OPENSHIFT, GENERIC -> Map.of();
    };
  }

  /** The identity of external-dns, as ServiceAccount annotations (empty when none is set). */
  public Map<String, String> dnsIdentity() {
    return identity(DistributionSpec.WorkloadIdentitySpec::getDns);
  }

  /** The identity of cert-manager's controller, which answers DNS-01 challenges. */
  public Map<String, String> certificatesIdentity() {
    return identity(DistributionSpec.WorkloadIdentitySpec::getCertificates);
  }

  /** The identity of Velero's server. */
  public Map<String, String> backupIdentity() {
    return identity(DistributionSpec.WorkloadIdentitySpec::getBackup);
  }

  /**
   * The chart values that bind a component's ServiceAccount to a cloud identity: the annotation
   * under {@code <serviceAccount>.annotations}, and the pod label AKS' webhook needs before it
   * injects the token ({@code azure.workload.identity/use}); empty when no identity is set.
   *
   * @param serviceAccount the chart's values path of its ServiceAccount, dot-separated
   */
  public Map<String, Object> identityValues(
      Map<String, String> annotations, String serviceAccount) {
    if (annotations.isEmpty()) {
      return Map.of();
    }
    Object nested = Values.map("annotations", new TreeMap<>(annotations));
    String[] path = serviceAccount.split("\\.");
    for (int i = path.length - 1; i > 0; i--) {
      nested = Values.map(path[i], nested);
    }
    return Values.map(
        path[0],
        nested,
        "podLabels",
        name == Name.AKS ? Values.map("azure.workload.identity/use", "true") : null);
  }

  public boolean openshift() {
    return name == Name.OPENSHIFT;
  }

  private Map<String, String> identity(
      Function<DistributionSpec.WorkloadIdentitySpec, String> component) {
    String annotation = IDENTITY_ANNOTATIONS.get(name);
    String value = component.apply(identities);
    return annotation == null || value == null ? Map.of() : Map.of(annotation, value);
  }
}
