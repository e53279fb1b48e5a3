package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The choice and settings of each platform component, by capability. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentsSpec {

  @JsonPropertyDescription("Ingress: envoy-gateway (Gateway API, default) or ingress-nginx.")
  private ComponentSpec gateway;

  @JsonPropertyDescription("DNS records for exposed hosts: external-dns.")
  private ComponentSpec dns;

  @JsonPropertyDescription("TLS certificates: cert-manager.")
  private ComponentSpec certificates;

  @JsonPropertyDescription(
      "Storage: the cluster's CSI driver (csi). Settings: provisioner and snapshotter, the CSI drivers of the default StorageClass and VolumeSnapshotClass where the provider has no default.")
  private ComponentSpec storage;

  @JsonPropertyDescription("Databases: cloudnative-pg.")
  private ComponentSpec database;

  @JsonPropertyDescription("Backups: velero.")
  private ComponentSpec backup;

  @JsonPropertyDescription("GitOps: argo-cd.")
  private ComponentSpec gitops;

  @JsonPropertyDescription("CI/CD: tekton.")
  private ComponentSpec ci;

  @JsonPropertyDescription("Artifact registry: harbor.")
  private ComponentSpec registry;

  @JsonPropertyDescription("Secrets: openbao with external-secrets.")
  private ComponentSpec secrets;

  @JsonPropertyDescription("Logs: eck (default) or loki.")
  private ComponentSpec logs;

  @JsonPropertyDescription("Metrics, dashboards and alerts: kube-prometheus-stack.")
  private ComponentSpec metrics;

  @JsonPropertyDescription("Traces: opentelemetry with jaeger.")
  private ComponentSpec traces;

  @JsonPropertyDescription("Identity: keycloak.")
  private ComponentSpec identity;

  @JsonPropertyDescription("Admission policies: gatekeeper (default) or kyverno.")
  private ComponentSpec policy;

  @JsonPropertyDescription("Vulnerability scanning: trivy-operator.")
  private ComponentSpec scanning;

  public ComponentSpec getGateway() {
    return gateway;
  }

  public void setGateway(ComponentSpec gateway) {
    this.gateway = gateway;
  }

  public ComponentSpec getDns() {
    return dns;
  }

  public void setDns(ComponentSpec dns) {
    this.dns = dns;
  }

  public ComponentSpec getCertificates() {
    return certificates;
  }

  public void setCertificates(ComponentSpec certificates) {
    this.certificates = certificates;
  }

  public ComponentSpec getStorage() {
    return storage;
  }

  public void setStorage(ComponentSpec storage) {
    this.storage = storage;
  }

  public ComponentSpec getDatabase() {
    return database;
  }

  public void setDatabase(ComponentSpec database) {
    this.database = database;
  }

  public ComponentSpec getBackup() {
    return backup;
  }

  public void setBackup(ComponentSpec backup) {
    this.backup = backup;
  }

  public ComponentSpec getGitops() {
    return gitops;
  }

  public void setGitops(ComponentSpec gitops) {
    this.gitops = gitops;
  }

  public ComponentSpec getCi() {
    return ci;
  }

  public void setCi(ComponentSpec ci) {
    this.ci = ci;
  }

  public ComponentSpec getRegistry() {
    return registry;
  }

  public void setRegistry(ComponentSpec registry) {
    this.registry = registry;
  }

  public ComponentSpec getSecrets() {
    return secrets;
  }

  public void setSecrets(ComponentSpec secrets) {
    this.secrets = secrets;
  }

  public ComponentSpec getLogs() {
    return logs;
  }

  public void setLogs(ComponentSpec logs) {
    this.logs = logs;
  }

  public ComponentSpec getMetrics() {
    return metrics;
  }

  public void setMetrics(ComponentSpec metrics) {
    this.metrics = metrics;
  }

  public ComponentSpec getTraces() {
    return traces;
  }

  public void setTraces(ComponentSpec traces) {
    this.traces = traces;
  }

  public ComponentSpec getIdentity() {
    return identity;
  }

  public void setIdentity(ComponentSpec identity) {
    this.identity = identity;
  }

  public ComponentSpec getPolicy() {
    return policy;
  }

  public void setPolicy(ComponentSpec policy) {
    this.policy = policy;
  }

  public ComponentSpec getScanning() {
    return scanning;
  }

  public void setScanning(ComponentSpec scanning) {
    this.scanning = scanning;
  }
}
