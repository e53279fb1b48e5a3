package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What an Application runs in one environment, as the operator last applied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvironmentStatus {

  @JsonPropertyDescription("Name of the environment.")
  private String name;

  @JsonPropertyDescription(
      "The image the Deployment names, repository[:tag][@sha256:digest]; in a GitOps tree the environment's kustomization pins the digest.")
  private String image;

  @JsonPropertyDescription("Replicas of the Deployment; absent while an autoscaler owns them.")
  private Integer replicas;

  @JsonPropertyDescription("Fewest replicas the autoscaler keeps, when there is one.")
  private Integer minReplicas;

  @JsonPropertyDescription("Most replicas the autoscaler allows, when there is one.")
  private Integer maxReplicas;

  @JsonPropertyDescription(
      "The image digest (sha256:...) the environment runs: the one Argo CD reports for the image's repository, else the one the Deployment pins; absent when neither names one.")
  private String digest;

  @JsonPropertyDescription(
      "Sync status of the environment's Argo CD Application (Synced, OutOfSync, Unknown); absent without one.")
  private String sync;

  @JsonPropertyDescription(
      "Health status of the environment's Argo CD Application (Healthy, Progressing, Degraded, ...); absent without one.")
  private String health;

  @JsonPropertyDescription(
      "The newest PipelineRun that built the application; on the first environment of its promotion order only, where a build lands.")
  private PipelineRunStatus lastPipelineRun;

  @JsonPropertyDescription(
      "The manual promotion into this environment that waits for an owner's approval, as the operator's promotion pass last read it from the GitOps repository; absent when none waits.")
  private PendingApprovalStatus pendingApproval;

  public EnvironmentStatus() {}

  public EnvironmentStatus(
      String name, String image, Integer replicas, Integer minReplicas, Integer maxReplicas) {
    this.name = name;
    this.image = image;
    this.replicas = replicas;
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getSync() {
    return sync;
  }

  public void setSync(String sync) {
    this.sync = sync;
  }

  public String getHealth() {
    return health;
  }

  public void setHealth(String health) {
    this.health = health;
  }

  public PipelineRunStatus getLastPipelineRun() {
    return lastPipelineRun;
  }

  public void setLastPipelineRun(PipelineRunStatus lastPipelineRun) {
    this.lastPipelineRun = lastPipelineRun;
  }

  public PendingApprovalStatus getPendingApproval() {
    return pendingApproval;
  }

  public void setPendingApproval(PendingApprovalStatus pendingApproval) {
    this.pendingApproval = pendingApproval;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(image, other.image)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(minReplicas, other.minReplicas)
        && Objects.equals(maxReplicas, other.maxReplicas)
        && Objects.equals(digest, other.digest)
        && Objects.equals(sync, other.sync)
        && Objects.equals(health, other.health)
        && Objects.equals(lastPipelineRun, other.lastPipelineRun)
        && Objects.equals(pendingApproval, other.pendingApproval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        image,
        replicas,
        minReplicas,
        maxReplicas,
        digest,
        sync,
        health,
        lastPipelineRun,
        pendingApproval);
  }
}
