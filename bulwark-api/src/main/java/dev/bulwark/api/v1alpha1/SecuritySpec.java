package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** Security gates: what `bulwark gate` blocks on, for every environment or one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecuritySpec {
  /** The severities a threshold may name, lowest last. */
  public static final String SEVERITY_PATTERN = "^(critical|high|medium|low|info)$";

  @Default("high")
  @Pattern(SEVERITY_PATTERN)
  @JsonPropertyDescription(
      "The lowest severity that blocks a release: critical, high, medium, low or info.")
  private String failOn = "high";

  @JsonPropertyDescription("URL the DAST scan targets, in a non-production environment.")
  private String dastTarget;

  @JsonPropertyDescription(
      "Whether a release needs a verified image signature (facts from cosign verify).")
  private Boolean requireSignature;

  @JsonPropertyDescription("Whether a release needs a DAST (ZAP) report.")
  private Boolean requireDast;

  @JsonPropertyDescription(
      "Accepted findings, each with a reason, an owner and an expiry; an expired waiver is an error.")
  private List<WaiverSpec> waivers = new ArrayList<>();

  @JsonPropertyDescription(
      "Per-environment overrides of failOn, requireSignature and requireDast, for example a stricter prod.")
  private List<EnvironmentSpec> environments = new ArrayList<>();

  public String getFailOn() {
    return failOn;
  }

  public void setFailOn(String failOn) {
    this.failOn = failOn;
  }

  public String getDastTarget() {
    return dastTarget;
  }

  public void setDastTarget(String dastTarget) {
    this.dastTarget = dastTarget;
  }

  public Boolean getRequireSignature() {
    return requireSignature;
  }

  public void setRequireSignature(Boolean requireSignature) {
    this.requireSignature = requireSignature;
  }

  public Boolean getRequireDast() {
    return requireDast;
  }

  public void setRequireDast(Boolean requireDast) {
    this.requireDast = requireDast;
  }

  /**
   * Whether a release into {@code environment} needs a DAST report: the environment's own setting
   * when it has one, the application's otherwise. The caller leaves out the application's first
   * environment, where a release starts and nothing ran yet that a scan could reach (ADR 0050).
   */
  public boolean requiresDast(String environment) {
    Boolean own =
        environments.stream()
            .filter(e -> environment.equals(e.getName()))
            .map(EnvironmentSpec::getRequireDast)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(requireDast);
    return Boolean.TRUE.equals(own);
  }

  public List<WaiverSpec> getWaivers() {
    return waivers;
  }

  public void setWaivers(List<WaiverSpec> waivers) {
    this.waivers = waivers;
  }

  public List<EnvironmentSpec> getEnvironments() {
    return environments;
  }

  public void setEnvironments(List<EnvironmentSpec> environments) {
    this.environments = environments;
  }

  /** The gate's settings in one environment; an unset field keeps the application's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EnvironmentSpec {
    @Required
    @Pattern(TenantSpec.NAME_PATTERN)
    @JsonPropertyDescription("Name of one of the application's environments.")
    private String name;

    @Pattern(SEVERITY_PATTERN)
    @JsonPropertyDescription("The lowest severity that blocks a release in this environment.")
    private String failOn;

    @JsonPropertyDescription("Whether a release to this environment needs a verified signature.")
    private Boolean requireSignature;

    @JsonPropertyDescription("Whether a release to this environment needs a DAST report.")
    private Boolean requireDast;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getFailOn() {
      return failOn;
    }

    public void setFailOn(String failOn) {
      this.failOn = failOn;
    }

    public Boolean getRequireSignature() {
      return requireSignature;
    }

    public void setRequireSignature(Boolean requireSignature) {
      this.requireSignature = requireSignature;
    }

    public Boolean getRequireDast() {
      return requireDast;
    }

    public void setRequireDast(Boolean requireDast) {
      this.requireDast = requireDast;
    }
  }

  /** An accepted finding: named, justified, owned and temporary. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WaiverSpec {
    @Required
    @JsonPropertyDescription(
        "What is waived: a vulnerability (CVE-..., GHSA-...), a scanner rule id, or an SPDX licence id.")
    private String id;

    @Required
    @JsonPropertyDescription("Why the finding is accepted.")
    private String reason;

    @Required
    @JsonPropertyDescription("Who answers for the waiver, for example a team or an e-mail address.")
    private String owner;

    @Required
    @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    @JsonPropertyDescription(
        "Last day (UTC, YYYY-MM-DD) the waiver applies; after it the finding blocks again.")
    private String expires;

    @JsonPropertyDescription(
        "Package URL of the one component the waiver is limited to; without a version, any version of it.")
    private String component;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getReason() {
      return reason;
    }

    public void setReason(String reason) {
      this.reason = reason;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public String getExpires() {
      return expires;
    }

    public void setExpires(String expires) {
      this.expires = expires;
    }

    public String getComponent() {
      return component;
    }

    public void setComponent(String component) {
      this.component = component;
    }
  }
}
