package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.bulwark.api.NotSupportedYet;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The desired tenant: people, environments, quotas, isolation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantSpec {

  /** A bound on the environments, so the API server can price the CEL rule over them. */
  static final int ENVIRONMENTS_MAX = 32;

  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @JsonPropertyDescription("Human-readable name of the tenant.")
  private String displayName;

  @JsonPropertyDescription("Contact addresses of the tenant's owners; recorded on every namespace.")
  private List<String> owners = new ArrayList<>();

  @JsonPropertyDescription(
      "Identity-provider groups bound to the tenant's roles. Each defaults to <tenant>-owners, <tenant>-developers and <tenant>-viewers.")
  private GroupsSpec groups = new GroupsSpec();

  @Required
  @Size(min = 1, max = ENVIRONMENTS_MAX)
  @ValidationRule(
      value = "self.all(e, self.filter(f, f.name == e.name).size() == 1)",
      message = "environment names are unique within a tenant")
  @JsonPropertyDescription(
      "The tenant's environments, for example dev, stage and prod; each gets its own namespace.")
  private List<EnvironmentSpec> environments = new ArrayList<>();

  @JsonPropertyDescription(
      "Pod Security Standards level of the tenant's namespaces: baseline or restricted. Defaults to the platform's policy level.")
  private PolicyLevel policyLevel;

  @JsonPropertyDescription(
      "Resource quota of each environment namespace, and the defaults of its LimitRange.")
  private QuotaSpec quota = new QuotaSpec();

  @JsonPropertyDescription("Network isolation beyond the default deny.")
  private NetworkSpec network = new NetworkSpec();

  @JsonPropertyDescription("Git repositories the tenant's applications may deploy from.")
  private List<String> sourceRepos;

  @JsonPropertyDescription("The tenant's registry project.")
  private ScopeSpec registry;

  @NotSupportedYet(
      "a tenant's secrets live under tenants/<tenant>/ in the platform's store, and a scope of another name or a retention is not acted on yet; remove spec.secrets for now")
  @JsonPropertyDescription("The tenant's secret store scope.")
  private ScopeSpec secrets;

  @JsonPropertyDescription("The tenant's log index and retention.")
  private ScopeSpec logs;

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public List<String> getOwners() {
    return owners;
  }

  public void setOwners(List<String> owners) {
    this.owners = owners;
  }

  public GroupsSpec getGroups() {
    return groups;
  }

  public void setGroups(GroupsSpec groups) {
    this.groups = groups;
  }

  public List<EnvironmentSpec> getEnvironments() {
    return environments;
  }

  public void setEnvironments(List<EnvironmentSpec> environments) {
    this.environments = environments;
  }

  public PolicyLevel getPolicyLevel() {
    return policyLevel;
  }

  public void setPolicyLevel(PolicyLevel policyLevel) {
    this.policyLevel = policyLevel;
  }

  public QuotaSpec getQuota() {
    return quota;
  }

  public void setQuota(QuotaSpec quota) {
    this.quota = quota;
  }

  public NetworkSpec getNetwork() {
    return network;
  }

  public void setNetwork(NetworkSpec network) {
    this.network = network;
  }

  public List<String> getSourceRepos() {
    return sourceRepos;
  }

  public void setSourceRepos(List<String> sourceRepos) {
    this.sourceRepos = sourceRepos;
  }

  public ScopeSpec getRegistry() {
    return registry;
  }

  public void setRegistry(ScopeSpec registry) {
    this.registry = registry;
  }

  public ScopeSpec getSecrets() {
    return secrets;
  }

  public void setSecrets(ScopeSpec secrets) {
    this.secrets = secrets;
  }

  public ScopeSpec getLogs() {
    return logs;
  }

  public void setLogs(ScopeSpec logs) {
    this.logs = logs;
  }

  /** Identity groups per tenant role. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GroupsSpec {
    @JsonPropertyDescription(
        "Groups with the owner role: everything in the tenant's namespaces but quotas and policies.")
    private List<String> owners;

    @JsonPropertyDescription(
        "Groups with the developer role: workloads, config and secrets, but not RBAC, quotas or network policies.")
    private List<String> developers;

    @JsonPropertyDescription("Groups with the viewer role: read-only, without Secrets.")
    private List<String> viewers;

    public List<String> getOwners() {
      return owners;
    }

    public void setOwners(List<String> owners) {
      this.owners = owners;
    }

    public List<String> getDevelopers() {
      return developers;
    }

    public void setDevelopers(List<String> developers) {
      this.developers = developers;
    }

    public List<String> getViewers() {
      return viewers;
    }

    public void setViewers(List<String> viewers) {
      this.viewers = viewers;
    }
  }

  /** One environment of a tenant. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EnvironmentSpec {
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = dev.bulwark.api.DnsNames.LABEL_MAX)
    @JsonPropertyDescription("Name of the environment, for example dev, stage or prod.")
    private String name;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = dev.bulwark.api.DnsNames.LABEL_MAX)
    @ValidationRule(
        value = "!self.startsWith('kube-') && self != 'default' && !self.startsWith('bulwark-')",
        message =
            "kube-*, default and bulwark-* namespaces are reserved for Kubernetes and the platform")
    @JsonPropertyDescription("Namespace of the environment. Defaults to <tenant>-<environment>.")
    private String namespace;

    @JsonPropertyDescription(
        "Overrides the tenant's Pod Security Standards level for this environment.")
    private PolicyLevel policyLevel;

    @JsonPropertyDescription("Overrides the tenant's quota for this environment.")
    private QuotaSpec quota;

    @JsonPropertyDescription(
        "Whether this is a production environment: developers and viewers get read-only access without Secrets or exec, and more goes through a recorded break-glass binding by an owner. Defaults to true for environments named prod or production.")
    private Boolean production;

    /** Environment names that are production unless the spec says otherwise. */
    public static final java.util.Set<String> PRODUCTION_NAMES =
        java.util.Set.of("prod", "production");

    /** Whether this environment is production: as given, or by its name when not given. */
    public boolean effectiveProduction() {
      return production != null ? production : PRODUCTION_NAMES.contains(name);
    }

    public Boolean getProduction() {
      return production;
    }

    public void setProduction(Boolean production) {
      this.production = production;
    }

    /**
     * The namespace of this environment in tenant {@code tenant}: as given, or {@code
     * <tenant>-<environment>}, shortened with a stable hash when too long. The loader's checks and
     * the renderer both ask here, so they always agree.
     */
    public String namespaceIn(String tenant) {
      return namespace != null ? namespace : dev.bulwark.api.DnsNames.label(tenant, name);
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }

    public PolicyLevel getPolicyLevel() {
      return policyLevel;
    }

    public void setPolicyLevel(PolicyLevel policyLevel) {
      this.policyLevel = policyLevel;
    }

    public QuotaSpec getQuota() {
      return quota;
    }

    public void setQuota(QuotaSpec quota) {
      this.quota = quota;
    }
  }

  /** Quota of one namespace and the defaults of its containers. Quantities as in Kubernetes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class QuotaSpec {
    /** The pods of a namespace whose quota names none; the loader's checks and render share it. */
    public static final int DEFAULT_PODS = 50;

    static final String QUANTITY = dev.bulwark.api.Quantities.PATTERN;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Total CPU requests, for example 8. Default 4.")
    private String cpu;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Total memory requests, for example 16Gi. Default 8Gi.")
    private String memory;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Total persistent storage requests, for example 100Gi. Default 50Gi.")
    private String storage;

    @JsonPropertyDescription("Maximum number of pods. Default 50.")
    private Integer pods;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Default CPU request of a container that sets none. Default 100m.")
    private String defaultCpuRequest;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Default memory request of a container that sets none. Default 128Mi.")
    private String defaultMemoryRequest;

    @Pattern(QUANTITY)
    @JsonPropertyDescription("Default memory limit of a container that sets none. Default 512Mi.")
    private String defaultMemoryLimit;

    @Pattern(QUANTITY)
    @JsonPropertyDescription(
        "Total ephemeral storage requests (container writable layers, logs, emptyDir), for example 40Gi. A container that sets none requests 100Mi and is limited to 1Gi, so no pod can fill a node's disk. Default 20Gi.")
    private String ephemeralStorage;

    public String getCpu() {
      return cpu;
    }

    public void setCpu(String cpu) {
      this.cpu = cpu;
    }

    public String getMemory() {
      return memory;
    }

    public void setMemory(String memory) {
      this.memory = memory;
    }

    public String getStorage() {
      return storage;
    }

    public void setStorage(String storage) {
      this.storage = storage;
    }

    public Integer getPods() {
      return pods;
    }

    public void setPods(Integer pods) {
      this.pods = pods;
    }

    public String getDefaultCpuRequest() {
      return defaultCpuRequest;
    }

    public void setDefaultCpuRequest(String defaultCpuRequest) {
      this.defaultCpuRequest = defaultCpuRequest;
    }

    public String getDefaultMemoryRequest() {
      return defaultMemoryRequest;
    }

    public void setDefaultMemoryRequest(String defaultMemoryRequest) {
      this.defaultMemoryRequest = defaultMemoryRequest;
    }

    public String getDefaultMemoryLimit() {
      return defaultMemoryLimit;
    }

    public void setDefaultMemoryLimit(String defaultMemoryLimit) {
      this.defaultMemoryLimit = defaultMemoryLimit;
    }

    public String getEphemeralStorage() {
      return ephemeralStorage;
    }

    public void setEphemeralStorage(String ephemeralStorage) {
      this.ephemeralStorage = ephemeralStorage;
    }
  }

  /** Extra network openings on top of the default deny. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NetworkSpec {
    @JsonPropertyDescription(
        "CIDRs the tenant's pods may reach outside the cluster, for example 203.0.113.0/24.")
    private List<String> egressCIDRs = new ArrayList<>();

    public List<String> getEgressCIDRs() {
      return egressCIDRs;
    }

    public void setEgressCIDRs(List<String> egressCIDRs) {
      this.egressCIDRs = egressCIDRs;
    }
  }

  /** A per-tenant scope in a shared store. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ScopeSpec {
    @JsonPropertyDescription(
        "Name of the scope (project, path or index). Defaults to the tenant's name.")
    private String name;

    @JsonPropertyDescription("Retention in days.")
    private Integer retentionDays;

    /** The scope's name in a tenant: {@code name} if given, else the tenant's name. */
    public static String nameIn(ScopeSpec scope, String tenant) {
      return scope == null || scope.name == null || scope.name.isBlank() ? tenant : scope.name;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Integer getRetentionDays() {
      return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
      this.retentionDays = retentionDays;
    }
  }
}
