package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A status condition in the shape of Kubernetes' {@code metav1.Condition}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  @Required
  @JsonPropertyDescription("Type of condition: Ready, Reconciling or Degraded.")
  private String type;

  @Required
  @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
  private String status;

  @JsonPropertyDescription("The generation of the resource that the condition was set for.")
  private Long observedGeneration;

  @JsonPropertyDescription("Last time the condition changed status, RFC 3339.")
  private String lastTransitionTime;

  @JsonPropertyDescription("A CamelCase reason for the condition's last transition.")
  private String reason;

  @JsonPropertyDescription("A human-readable message that names the failing object and the error.")
  private String message;

  public Condition() {}

  public Condition(String type, String status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
