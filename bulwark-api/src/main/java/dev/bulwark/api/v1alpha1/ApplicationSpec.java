package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired application: where it comes from, where it runs, what it needs. The CEL rules are the
 * checks of {@code ApplicationRules} (bulwark-spec) that need this object only, with their messages
 * (ADR 0036); the loader and the operator run the Java checks, which are never fewer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.image) && has(self.source))",
    message =
        "an application either names an image for Bulwark to run or brings its own manifests"
            + " in spec.source, not both; remove spec.image, or spec.source")
@ValidationRule(
    value = "has(self.image) || has(self.build) || has(self.source)",
    message =
        "expected something to run: spec.image (repository[:tag][@sha256:digest]), a"
            + " spec.build that produces the image, or spec.source with the application's own"
            + " manifests; found none")
@ValidationRule(
    value =
        "!has(self.source) || !(has(self.resources) || has(self.probes)"
            + " || (has(self.env) && size(self.env) > 0))",
    message =
        "spec.resources, spec.probes and spec.env shape the workload Bulwark renders from"
            + " spec.image; with spec.source the application's own manifests define it")
@ValidationRule(
    value =
        "!has(self.source) || !has(self.environments)"
            + " || self.environments.all(e, !has(e.autoscaling))",
    message =
        "autoscaling scales the workload Bulwark renders from spec.image; with spec.source the"
            + " application's own manifests define it, so remove it")
@ValidationRule(
    value =
        "!has(self.environments) || size(self.environments) == 0"
            + " || !has(self.environments[0].promotion)",
    message =
        "the application's first environment: a release starts there, nothing is promoted into"
            + " it; remove promotion here and set it on a later environment")
public class ApplicationSpec {

  @Required
  @Pattern(TenantSpec.NAME_PATTERN)
  @JsonPropertyDescription("Name of the Tenant that owns the application.")
  private String tenant;

  @Size(max = TenantSpec.ENVIRONMENTS_MAX)
  @ValidationRule(
      value = "self.all(e, self.filter(f, f.name == e.name).size() == 1)",
      message = "environment names are unique within an application")
  @JsonPropertyDescription(
      "The tenant environments the application runs in, in promotion order. Defaults to all of the tenant's environments.")
  private List<AppEnvironmentSpec> environments = new ArrayList<>();

  @JsonPropertyDescription("Ports the application serves.")
  private List<PortSpec> ports = new ArrayList<>();

  @JsonPropertyDescription(
      "Public hosts of the application, each in one environment. A host may be claimed by one application only.")
  private List<HostSpec> hosts = new ArrayList<>();

  @JsonPropertyDescription("Where the application's manifests live.")
  private SourceSpec source;

  @JsonPropertyDescription(
      "How the application is built, tested and pushed: a Tekton pipeline triggered from Git (ci: tekton), or the tenant's own CI with a registry robot account (ci: external).")
  private BuildSpec build;

  @Pattern(dev.bulwark.api.ImageReference.PATTERN)
  @JsonPropertyDescription(
      "Container image Bulwark runs, as repository[:tag][@sha256:digest], for example harbor.example.com/shop/checkout:1.4.2. Each environment's GitOps directory pins the digest it runs; leave image out when source brings the application's own manifests.")
  private String image;

  @JsonPropertyDescription("CPU and memory of each replica.")
  private ResourcesSpec resources;

  @JsonPropertyDescription("Readiness and liveness checks of each replica.")
  private ProbesSpec probes;

  @JsonPropertyDescription("Environment variables of the application's container.")
  private List<EnvVarSpec> env = new ArrayList<>();

  @JsonPropertyDescription("A PostgreSQL database for the application.")
  private DatabaseSpec database;

  @JsonPropertyDescription("Secrets the application reads from its tenant's store.")
  private List<SecretSpec> secrets;

  @JsonPropertyDescription("Metrics, traces and SLOs.")
  private ObservabilitySpec observability;

  @JsonPropertyDescription(
      "The supply-chain gate: scan thresholds, required signature and DAST, waivers, per environment.")
  private SecuritySpec security;

  @JsonPropertyDescription("Backups of the application's volumes and database.")
  private AppBackupSpec backup;

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public List<AppEnvironmentSpec> getEnvironments() {
    return environments;
  }

  public void setEnvironments(List<AppEnvironmentSpec> environments) {
    this.environments = environments;
  }

  public List<PortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<PortSpec> ports) {
    this.ports = ports;
  }

  public List<HostSpec> getHosts() {
    return hosts;
  }

  public void setHosts(List<HostSpec> hosts) {
    this.hosts = hosts;
  }

  public SourceSpec getSource() {
    return source;
  }

  public void setSource(SourceSpec source) {
    this.source = source;
  }

  public BuildSpec getBuild() {
    return build;
  }

  public void setBuild(BuildSpec build) {
    this.build = build;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ProbesSpec getProbes() {
    return probes;
  }

  public void setProbes(ProbesSpec probes) {
    this.probes = probes;
  }

  public List<EnvVarSpec> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVarSpec> env) {
    this.env = env;
  }

  public ResourcesSpec getResources() {
    return resources;
  }

  public void setResources(ResourcesSpec resources) {
    this.resources = resources;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public List<SecretSpec> getSecrets() {
    return secrets;
  }

  public void setSecrets(List<SecretSpec> secrets) {
    this.secrets = secrets;
  }

  public ObservabilitySpec getObservability() {
    return observability;
  }

  public void setObservability(ObservabilitySpec observability) {
    this.observability = observability;
  }

  public SecuritySpec getSecurity() {
    return security;
  }

  public void setSecurity(SecuritySpec security) {
    this.security = security;
  }

  public AppBackupSpec getBackup() {
    return backup;
  }

  public void setBackup(AppBackupSpec backup) {
    this.backup = backup;
  }

  /** One environment the application runs in. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AppEnvironmentSpec {
    /** How a release reaches an environment from the one before it. */
    public enum Promotion {
      @JsonProperty("auto")
      AUTO,
      @JsonProperty("manual")
      MANUAL
    }

    @Required
    @Pattern(TenantSpec.NAME_PATTERN)
    @Size(max = dev.bulwark.api.DnsNames.LABEL_MAX)
    @JsonPropertyDescription("Name of one of the tenant's environments.")
    private String name;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription(
        "Number of replicas in this environment, at most its pod quota. Default 1; not used while autoscaling is set.")
    private Integer replicas;

    @JsonPropertyDescription("Replicas that follow CPU load in this environment.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription(
        "How a release reaches this environment from the one before it: auto (a commit moves the digest once the previous environment is synced and healthy) or manual (the same commit waits for an approval by a tenant owner). Not allowed on the first environment. Defaults to manual on the last environment of several and to auto on the ones between.")
    private Promotion promotion;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Integer getReplicas() {
      return replicas;
    }

    public void setReplicas(Integer replicas) {
      this.replicas = replicas;
    }

    public AutoscalingSpec getAutoscaling() {
      return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
      this.autoscaling = autoscaling;
    }

    public Promotion getPromotion() {
      return promotion;
    }

    public void setPromotion(Promotion promotion) {
      this.promotion = promotion;
    }
  }

  /** A port the application serves. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PortSpec {
    public enum Protocol {
      @JsonProperty("http")
      HTTP,
      @JsonProperty("grpc")
      GRPC,
      @JsonProperty("tcp")
      TCP
    }

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the port, for example http.")
    private String name;

    @Required
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("Port number of the application's Service.")
    private Integer port;

    @Default("http")
    @JsonPropertyDescription("Protocol: http, grpc or tcp.")
    private Protocol protocol = Protocol.HTTP;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Integer getPort() {
      return port;
    }

    public void setPort(Integer port) {
      this.port = port;
    }

    public Protocol getProtocol() {
      return protocol;
    }

    public void setProtocol(Protocol protocol) {
      this.protocol = protocol;
    }
  }

  /** A public host of the application in one environment. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HostSpec {
    @Required
    @Pattern(PlatformSpec.DOMAIN_PATTERN)
    @JsonPropertyDescription("Fully qualified host name, under the platform's domain.")
    private String host;

    @Required
    @Pattern(TenantSpec.NAME_PATTERN)
    @JsonPropertyDescription("The environment the host routes to.")
    private String environment;

    @JsonPropertyDescription("Name of the port the host routes to. Defaults to the first port.")
    private String port;

    @Default("/")
    @Pattern("^/.*$")
    @JsonPropertyDescription("Path prefix routed to the application.")
    private String path = "/";

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public String getEnvironment() {
      return environment;
    }

    public void setEnvironment(String environment) {
      this.environment = environment;
    }

    public String getPort() {
      return port;
    }

    public void setPort(String port) {
      this.port = port;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }

  /** Where the manifests live. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SourceSpec {
    @Required
    @JsonPropertyDescription("Git repository URL.")
    private String repoURL;

    @Default(".")
    @JsonPropertyDescription("Path of the manifests in the repository.")
    private String path = ".";

    @Default("HEAD")
    @JsonPropertyDescription("Branch, tag or commit.")
    private String targetRevision = "HEAD";

    public String getRepoURL() {
      return repoURL;
    }

    public void setRepoURL(String repoURL) {
      this.repoURL = repoURL;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getTargetRevision() {
      return targetRevision;
    }

    public void setTargetRevision(String targetRevision) {
      this.targetRevision = targetRevision;
    }
  }

  /** A database. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DatabaseSpec {
    @Default("1")
    @Min(1)
    @Max(9)
    @JsonPropertyDescription("Number of PostgreSQL instances.")
    private Integer instances = 1;

    @Default("10Gi")
    @JsonPropertyDescription("Storage of each instance.")
    private String size = "10Gi";

    public Integer getInstances() {
      return instances;
    }

    public void setInstances(Integer instances) {
      this.instances = instances;
    }

    public String getSize() {
      return size;
    }

    public void setSize(String size) {
      this.size = size;
    }
  }

  /** A secret read from the tenant's store. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretSpec {
    @Required
    @JsonPropertyDescription("Name of the Kubernetes Secret to create.")
    private String name;

    @Required
    @JsonPropertyDescription("Path in the tenant's store, relative to tenants/<tenant>/.")
    private String path;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }

  /** Observability. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ObservabilitySpec {
    @Pattern("^/.*$")
    @JsonPropertyDescription(
        "Path of the Prometheus metrics endpoint, for example /metrics. Setting it makes Prometheus scrape the application.")
    private String metricsPath;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the port that serves metrics. Defaults to the first port.")
    private String metricsPort;

    @JsonPropertyDescription(
        "Whether traces are collected through OpenTelemetry auto-instrumentation.")
    private Boolean traces;

    @Pattern("^[0-9]{1,2}(\\.[0-9]+)?$")
    @JsonPropertyDescription(
        "Availability objective in percent, for example 99.9: an alert fires when the scrape target's availability over an hour drops below it, and multiwindow burn-rate alerts page (critical) or open a ticket (warning) when the error budget burns too fast.")
    private String availabilityObjective;

    public String getMetricsPath() {
      return metricsPath;
    }

    public void setMetricsPath(String metricsPath) {
      this.metricsPath = metricsPath;
    }

    public String getMetricsPort() {
      return metricsPort;
    }

    public void setMetricsPort(String metricsPort) {
      this.metricsPort = metricsPort;
    }

    public Boolean getTraces() {
      return traces;
    }

    public void setTraces(Boolean traces) {
      this.traces = traces;
    }

    public String getAvailabilityObjective() {
      return availabilityObjective;
    }

    public void setAvailabilityObjective(String availabilityObjective) {
      this.availabilityObjective = availabilityObjective;
    }
  }

  /** Backups of the application. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AppBackupSpec {
    @JsonPropertyDescription("Cron schedule; defaults to the platform's.")
    private String schedule;

    public String getSchedule() {
      return schedule;
    }

    public void setSchedule(String schedule) {
      this.schedule = schedule;
    }
  }
}
