package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** One component of the platform: whether it runs, which implementation, and overrides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentSpec {

  @Default("true")
  @JsonPropertyDescription("Whether the component is installed. The profile decides the default.")
  private Boolean enabled;

  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Which implementation delivers the capability, for example envoy-gateway or ingress-nginx. Empty means the catalogue's default.")
  private String implementation;

  @JsonPropertyDescription(
      "Component-specific settings, for example the DNS provider or the ACME e-mail.")
  private Map<String, String> settings;

  /** Who runs the component: Bulwark, or someone before it (ADR 0034). */
  public enum Mode {
    @JsonProperty("managed")
    MANAGED,
    @JsonProperty("existing")
    EXISTING
  }

  @Default("managed")
  @JsonPropertyDescription(
      "managed: Bulwark installs the component; existing: an instance already runs in the cluster and Bulwark uses it without installing, changing or removing it. Existing is possible for gitops, certificates, metrics and policy.")
  private Mode mode;

  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "With mode existing, the namespace the existing instance runs in (gitops: where Argo CD watches Applications, default argocd).")
  private String namespace;

  // An object of any shape: typed as Map<String, Object>, the generator made every entry an object,
  // so the API server refused scalar values and pruned every nested key.
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormObject.class)
  @JsonPropertyDescription(
      "Helm values merged over the ones Bulwark computes. Use sparingly: they bypass Bulwark's wiring.")
  private Map<String, Object> values;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getImplementation() {
    return implementation;
  }

  public void setImplementation(String implementation) {
    this.implementation = implementation;
  }

  public Map<String, String> getSettings() {
    return settings;
  }

  public void setSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public Map<String, Object> getValues() {
    return values;
  }

  public void setValues(Map<String, Object> values) {
    this.values = values;
  }

  /** The schema of a free-form object: {@code type: object} whose fields are kept as given. */
  private static final class FreeFormObject {}
}
