package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How Kubernetes tells whether a replica is ready for traffic and whether it is still alive. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbesSpec {

  @JsonPropertyDescription(
      "Checked before a replica receives traffic and while it does; a failing replica is taken out of the Service until it passes again.")
  private ProbeSpec readiness;

  @JsonPropertyDescription(
      "Checked while a replica runs; a replica that keeps failing it is restarted.")
  private ProbeSpec liveness;

  public ProbeSpec getReadiness() {
    return readiness;
  }

  public void setReadiness(ProbeSpec readiness) {
    this.readiness = readiness;
  }

  public ProbeSpec getLiveness() {
    return liveness;
  }

  public void setLiveness(ProbeSpec liveness) {
    this.liveness = liveness;
  }
}
