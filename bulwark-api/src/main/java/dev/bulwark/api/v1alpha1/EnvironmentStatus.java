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

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(image, other.image)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(minReplicas, other.minReplicas)
        && Objects.equals(maxReplicas, other.maxReplicas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, image, replicas, minReplicas, maxReplicas);
  }
}
