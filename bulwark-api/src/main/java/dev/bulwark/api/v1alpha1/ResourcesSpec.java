package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * CPU and memory of each replica of an application. What is left out comes from the defaults of the
 * environment's LimitRange (the tenant's quota), so a spec need not repeat them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

  @JsonPropertyDescription(
      "What each replica is guaranteed: the scheduler reserves it and the namespace quota counts it. Defaults to the tenant's defaultCpuRequest and defaultMemoryRequest.")
  private ComputeSpec requests;

  @JsonPropertyDescription(
      "The most each replica may use: CPU beyond it is throttled, memory beyond it ends the container. The memory limit defaults to the tenant's defaultMemoryLimit; CPU has no limit unless set.")
  private ComputeSpec limits;

  public ComputeSpec getRequests() {
    return requests;
  }

  public void setRequests(ComputeSpec requests) {
    this.requests = requests;
  }

  public ComputeSpec getLimits() {
    return limits;
  }

  public void setLimits(ComputeSpec limits) {
    this.limits = limits;
  }
}
