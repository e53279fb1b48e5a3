package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The private registry and chart repository of an air-gapped platform: every image and chart the
 * platform uses is rewritten to them (ADR 0033).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MirrorSpec {

  /** A registry host, optionally with a port and a path, without a scheme. */
  public static final String REGISTRY_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?"
          + "(/[a-z0-9]+([._-][a-z0-9]+)*)*$";

  /** An OCI repository or an HTTP(S) chart repository URL. */
  public static final String CHARTS_PATTERN =
      "^(oci|https?)://[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
          + "(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*/?$";

  @Required
  @Pattern(REGISTRY_PATTERN)
  @JsonPropertyDescription(
      "The private registry every image is pulled from: host[:port][/path], without a scheme, for example registry.corp.example:5000/mirror. An image docker.io/envoyproxy/gateway:v1.9.1 becomes <registry>/envoyproxy/gateway:v1.9.1, its digest kept.")
  private String registry;

  @Pattern(CHARTS_PATTERN)
  @JsonPropertyDescription(
      "The private chart repository every chart is installed from: an OCI repository (oci://host/path) or an HTTP(S) Helm repository URL. Charts keep their names and versions. Default: oci://<registry>/charts.")
  private String charts;

  public String getRegistry() {
    return registry;
  }

  public void setRegistry(String registry) {
    this.registry = registry;
  }

  public String getCharts() {
    return charts;
  }

  public void setCharts(String charts) {
    this.charts = charts;
  }

  /** The chart repository, or its default in the registry when none is set. */
  public String chartRepository() {
    return charts != null ? charts.replaceFirst("/$", "") : "oci://" + registry + "/charts";
  }
}
