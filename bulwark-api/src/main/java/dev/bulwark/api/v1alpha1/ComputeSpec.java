package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.bulwark.api.Quantities;
import io.fabric8.generator.annotation.Pattern;

/** An amount of CPU and memory, as Kubernetes quantities. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeSpec {

  @Pattern(Quantities.PATTERN)
  @JsonPropertyDescription("CPU in cores, for example 250m or 2.")
  private String cpu;

  @Pattern(Quantities.PATTERN)
  @JsonPropertyDescription("Memory in bytes, for example 512Mi or 2Gi.")
  private String memory;

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
}
