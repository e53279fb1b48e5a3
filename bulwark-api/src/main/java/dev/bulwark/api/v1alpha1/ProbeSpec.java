package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One health check: an HTTP GET of {@code path} on a named port when a path is given, otherwise a
 * TCP connection to that port.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {

  @Required
  @Pattern(TenantSpec.NAME_PATTERN)
  @JsonPropertyDescription("Name of the port checked, one of spec.ports.")
  private String port;

  @Pattern("^/.*$")
  @JsonPropertyDescription(
      "HTTP path that answers 2xx or 3xx while healthy, for example /healthz. Without a path the check is a TCP connection to the port.")
  private String path;

  @Min(0)
  @Max(3600)
  @JsonPropertyDescription("Seconds after the container starts before the first check. Default 0.")
  private Integer initialDelaySeconds;

  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Seconds between checks. Default 10.")
  private Integer periodSeconds;

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

  public Integer getInitialDelaySeconds() {
    return initialDelaySeconds;
  }

  public void setInitialDelaySeconds(Integer initialDelaySeconds) {
    this.initialDelaySeconds = initialDelaySeconds;
  }

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }
}
