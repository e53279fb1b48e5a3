package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Pod Security Standards level, as used by Pod Security Admission labels. */
public enum PolicyLevel {
  @JsonProperty("baseline")
  BASELINE("baseline"),
  @JsonProperty("restricted")
  RESTRICTED("restricted");

  private final String label;

  PolicyLevel(String label) {
    this.label = label;
  }

  /** The value used in {@code pod-security.kubernetes.io/*} labels. */
  public String label() {
    return label;
  }
}
