package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The newest Tekton PipelineRun that built an Application, as its status reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineRunStatus {

  @JsonPropertyDescription("Name of the PipelineRun in the tenant's CI namespace.")
  private String name;

  @JsonPropertyDescription(
      "Succeeded, Failed or Running, from the run's Succeeded condition (Failed carries no reason here; the run has it).")
  private String result;

  @JsonPropertyDescription("When the run finished (RFC 3339); absent while it runs.")
  private String finishedAt;

  public PipelineRunStatus() {}

  public PipelineRunStatus(String name, String result, String finishedAt) {
    this.name = name;
    this.result = result;
    this.finishedAt = finishedAt;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PipelineRunStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(result, other.result)
        && Objects.equals(finishedAt, other.finishedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, result, finishedAt);
  }
}
