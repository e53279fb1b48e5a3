package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The desired platform: where it lives, how big it is, which components it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlatformSpec {

  /** DNS-1123 subdomain: the base domain under which every host of the platform lives. */
  public static final String DOMAIN_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";

  public enum Provider {
    @JsonProperty("generic")
    GENERIC,
    @JsonProperty("aws")
    AWS,
    @JsonProperty("gcp")
    GCP,
    @JsonProperty("azure")
    AZURE,
    @JsonProperty("openstack")
    OPENSTACK,
    @JsonProperty("baremetal")
    BAREMETAL
  }

  public enum Profile {
    @JsonProperty("minimal")
    MINIMAL,
    @JsonProperty("standard")
    STANDARD,
    @JsonProperty("full")
    FULL,
    @JsonProperty("airgapped")
    AIRGAPPED
  }

  @Required
  @Pattern(DOMAIN_PATTERN)
  @JsonPropertyDescription(
      "Base DNS domain of the platform, for example acme.example.com. Every host of every tenant lives under it.")
  private String domain;

  @Default("generic")
  @JsonPropertyDescription(
      "The cloud or infrastructure the cluster runs on; it selects provider-specific defaults such as DNS and storage.")
  private Provider provider = Provider.GENERIC;

  @JsonPropertyDescription(
      "The Kubernetes distribution (eks, gke, aks, k3s, openshift or generic) and its cloud settings.")
  private DistributionSpec distribution = new DistributionSpec();

  @Default("standard")
  @JsonPropertyDescription(
      "How much of the platform to install: minimal, standard, full, or airgapped (no public endpoints, self-signed or CA issuers).")
  private Profile profile = Profile.STANDARD;

  @Default("\"1.37\"")
  @Pattern("^1\\.[0-9]{2}$")
  @JsonPropertyDescription("The Kubernetes minor version the cluster runs, for example 1.37.")
  private String kubernetesVersion = "1.37";

  @Default("bulwark-system")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription("Namespace of Bulwark's own operator and webhook.")
  private String namespace = "bulwark-system";

  @Default("bulwark-gateway")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Namespace of the shared ingress gateway; tenant namespaces admit traffic from it.")
  private String gatewayNamespace = "bulwark-gateway";

  @Default("bulwark-monitoring")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Namespace of the metrics stack; tenant namespaces admit scrapes from it.")
  private String monitoringNamespace = "bulwark-monitoring";

  @JsonPropertyDescription("The platform's default security policy for tenants.")
  private PolicySpec policy = new PolicySpec();

  @JsonPropertyDescription("The identity provider whose groups Bulwark binds to roles.")
  private IdentitySpec identity = new IdentitySpec();

  @JsonPropertyDescription(
      "The choice and settings of each platform component (gateway, DNS, TLS, GitOps, CI, registry, secrets, logs, metrics, traces, policies, scanning).")
  private ComponentsSpec components;

  @JsonPropertyDescription("Where backups go and how long they are kept.")
  private BackupSpec backup;

  @JsonPropertyDescription(
      "How the operator upgrades the platform's components from one catalogue release to the next: the channel it follows, the maintenance window it may act in, and whether a person approves each upgrade.")
  private UpgradeSpec upgrade;

  @JsonPropertyDescription("Licence policy for components and application SBOMs.")
  private LicensesSpec licenses;

  @JsonPropertyDescription(
      "A private registry and chart repository for an air-gapped cluster: every image and chart the platform uses is rewritten to them.")
  private MirrorSpec mirror;

  public String getDomain() {
    return domain;
  }

  public void setDomain(String domain) {
    this.domain = domain;
  }

  public Provider getProvider() {
    return provider;
  }

  public void setProvider(Provider provider) {
    this.provider = provider;
  }

  public DistributionSpec getDistribution() {
    return distribution;
  }

  public void setDistribution(DistributionSpec distribution) {
    this.distribution = distribution;
  }

  public Profile getProfile() {
    return profile;
  }

  public void setProfile(Profile profile) {
    this.profile = profile;
  }

  public String getKubernetesVersion() {
    return kubernetesVersion;
  }

  public void setKubernetesVersion(String kubernetesVersion) {
    this.kubernetesVersion = kubernetesVersion;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getGatewayNamespace() {
    return gatewayNamespace;
  }

  public void setGatewayNamespace(String gatewayNamespace) {
    this.gatewayNamespace = gatewayNamespace;
  }

  public String getMonitoringNamespace() {
    return monitoringNamespace;
  }

  public void setMonitoringNamespace(String monitoringNamespace) {
    this.monitoringNamespace = monitoringNamespace;
  }

  public PolicySpec getPolicy() {
    return policy;
  }

  public void setPolicy(PolicySpec policy) {
    this.policy = policy;
  }

  public IdentitySpec getIdentity() {
    return identity;
  }

  public void setIdentity(IdentitySpec identity) {
    this.identity = identity;
  }

  public ComponentsSpec getComponents() {
    return components;
  }

  public void setComponents(ComponentsSpec components) {
    this.components = components;
  }

  public BackupSpec getBackup() {
    return backup;
  }

  public void setBackup(BackupSpec backup) {
    this.backup = backup;
  }

  public UpgradeSpec getUpgrade() {
    return upgrade;
  }

  public void setUpgrade(UpgradeSpec upgrade) {
    this.upgrade = upgrade;
  }

  public LicensesSpec getLicenses() {
    return licenses;
  }

  public void setLicenses(LicensesSpec licenses) {
    this.licenses = licenses;
  }

  public MirrorSpec getMirror() {
    return mirror;
  }

  public void setMirror(MirrorSpec mirror) {
    this.mirror = mirror;
  }

  /** The platform-wide policy defaults. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PolicySpec {
    @Default("restricted")
    @JsonPropertyDescription(
        "Default Pod Security Standards level for tenants that do not set their own: baseline or restricted.")
    private PolicyLevel level = PolicyLevel.RESTRICTED;

    public PolicyLevel getLevel() {
      return level;
    }

    public void setLevel(PolicyLevel level) {
      this.level = level;
    }
  }

  /** The identity provider. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IdentitySpec {
    public enum Provider {
      @JsonProperty("keycloak")
      KEYCLOAK,
      @JsonProperty("oidc")
      OIDC
    }

    @Default("keycloak")
    @JsonPropertyDescription(
        "keycloak: Bulwark installs Keycloak and its realm; oidc: an existing OIDC provider at issuerURL.")
    private Provider provider = Provider.KEYCLOAK;

    @Pattern("^https://.+$")
    @JsonPropertyDescription(
        "Issuer URL of an existing OIDC provider; required when provider is oidc.")
    private String issuerURL;

    @Default("\"oidc:\"")
    @JsonPropertyDescription(
        "Prefix the API server adds to OIDC group names (its --oidc-groups-prefix); RoleBindings use it.")
    private String groupPrefix = "oidc:";

    @Default("platform-admins")
    @JsonPropertyDescription("The identity group of platform administrators.")
    private String adminGroup = "platform-admins";

    public Provider getProvider() {
      return provider;
    }

    public void setProvider(Provider provider) {
      this.provider = provider;
    }

    public String getIssuerURL() {
      return issuerURL;
    }

    public void setIssuerURL(String issuerURL) {
      this.issuerURL = issuerURL;
    }

    public String getGroupPrefix() {
      return groupPrefix;
    }

    public void setGroupPrefix(String groupPrefix) {
      this.groupPrefix = groupPrefix;
    }

    public String getAdminGroup() {
      return adminGroup;
    }

    public void setAdminGroup(String adminGroup) {
      this.adminGroup = adminGroup;
    }
  }

  /** Where backups go. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class BackupSpec {
    @JsonPropertyDescription(
        "The S3-compatible object store that Velero and database backups write to.")
    private ObjectStoreSpec objectStore;

    @Default("\"0 2 * * *\"")
    @JsonPropertyDescription("Default cron schedule of tenant backups.")
    private String schedule = "0 2 * * *";

    @Default("720h")
    @Pattern("^[0-9]+h$")
    @JsonPropertyDescription("Default retention of backups, in hours, for example 720h.")
    private String retention = "720h";

    public ObjectStoreSpec getObjectStore() {
      return objectStore;
    }

    public void setObjectStore(ObjectStoreSpec objectStore) {
      this.objectStore = objectStore;
    }

    public String getSchedule() {
      return schedule;
    }

    public void setSchedule(String schedule) {
      this.schedule = schedule;
    }

    public String getRetention() {
      return retention;
    }

    public void setRetention(String retention) {
      this.retention = retention;
    }
  }

  /** An S3-compatible bucket. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ObjectStoreSpec {
    @Required
    @JsonPropertyDescription("Bucket name.")
    private String bucket;

    @JsonPropertyDescription("Region of the bucket.")
    private String region;

    @Pattern("^https?://.+$")
    @JsonPropertyDescription("Endpoint URL for S3-compatible stores other than AWS.")
    private String endpoint;

    @Required
    @JsonPropertyDescription(
        "Name of the Secret in the backup component's namespace (velero) holding the store's credentials, as an AWS credentials file under the key cloud. Bulwark never reads its value.")
    private String credentialsSecret;

    public String getBucket() {
      return bucket;
    }

    public void setBucket(String bucket) {
      this.bucket = bucket;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public String getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint;
    }

    public String getCredentialsSecret() {
      return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
      this.credentialsSecret = credentialsSecret;
    }
  }

  /** Licence policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LicensesSpec {
    @JsonPropertyDescription("SPDX licence identifiers that are allowed; anything else is flagged.")
    private List<String> allow = new ArrayList<>();

    public List<String> getAllow() {
      return allow;
    }

    public void setAllow(List<String> allow) {
      this.allow = allow;
    }
  }
}
