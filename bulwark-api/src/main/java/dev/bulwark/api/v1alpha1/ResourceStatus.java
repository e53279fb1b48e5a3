package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The status shared by Platform, Tenant and Application: what was reconciled and how it went. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ResourceStatus {

  @JsonPropertyDescription("The metadata.generation that the operator last reconciled.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready, Reconciling and Degraded conditions.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The objects the operator applied for this resource, as apiVersion/kind/namespace/name; used to prune what is no longer desired.")
  private List<String> inventory = new ArrayList<>();

  @JsonPropertyDescription(
      "Of an Application: what its workload runs in each environment, image and replicas, as last applied.")
  private List<EnvironmentStatus> environments = new ArrayList<>();

  @JsonPropertyDescription(
      "Of a Platform: the version each component runs, by component id, as the operator last applied and saw healthy; an upgrade moves one entry at a time.")
  private Map<String, String> installedVersions = new TreeMap<>();

  @JsonPropertyDescription(
      "Of a Platform: the essentials scorecard of the cluster, written by the operator when it changes.")
  private ScorecardStatus scorecard;

  public ScorecardStatus getScorecard() {
    return scorecard;
  }

  public void setScorecard(ScorecardStatus scorecard) {
    this.scorecard = scorecard;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<String> getInventory() {
    return inventory;
  }

  public void setInventory(List<String> inventory) {
    this.inventory = inventory;
  }

  public List<EnvironmentStatus> getEnvironments() {
    return environments;
  }

  public void setEnvironments(List<EnvironmentStatus> environments) {
    this.environments = environments;
  }

  public Map<String, String> getInstalledVersions() {
    return installedVersions;
  }

  public void setInstalledVersions(Map<String, String> installedVersions) {
    this.installedVersions = installedVersions;
  }
}
