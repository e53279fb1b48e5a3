package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The essentials scorecard the operator keeps of the cluster (ADR 0031, 0043): the same judgement
 * as {@code bulwark scorecard} live, summed up in a bounded size (one short line per essential).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScorecardStatus {

  @JsonPropertyDescription("The overall score, 0 to 100: the mean of every essential's points.")
  private Integer overall;

  @JsonPropertyDescription("When the cluster was observed, RFC 3339.")
  private String observedAt;

  @JsonPropertyDescription("Per category, its score, 0 to 100.")
  private List<CategoryScore> categories = new ArrayList<>();

  @JsonPropertyDescription("Per essential, its status and the first piece of evidence.")
  private List<EssentialStatus> essentials = new ArrayList<>();

  public Integer getOverall() {
    return overall;
  }

  public void setOverall(Integer overall) {
    this.overall = overall;
  }

  public String getObservedAt() {
    return observedAt;
  }

  public void setObservedAt(String observedAt) {
    this.observedAt = observedAt;
  }

  public List<CategoryScore> getCategories() {
    return categories;
  }

  public void setCategories(List<CategoryScore> categories) {
    this.categories = categories;
  }

  public List<EssentialStatus> getEssentials() {
    return essentials;
  }

  public void setEssentials(List<EssentialStatus> essentials) {
    this.essentials = essentials;
  }

  /** Whether two summaries say the same, whenever they were observed. */
  public boolean sameJudgement(ScorecardStatus other) {
    return other != null
        && Objects.equals(overall, other.overall)
        && Objects.equals(categories, other.categories)
        && Objects.equals(essentials, other.essentials);
  }

  /** One category's score. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CategoryScore {

    @JsonPropertyDescription(
        "The category: infrastructure, application-lifecycle, observability or security-and-compliance.")
    private String category;

    @JsonPropertyDescription("Its score, 0 to 100.")
    private Integer score;

    public CategoryScore() {}

    public CategoryScore(String category, Integer score) {
      this.category = category;
      this.score = score;
    }

    public String getCategory() {
      return category;
    }

    public void setCategory(String category) {
      this.category = category;
    }

    public Integer getScore() {
      return score;
    }

    public void setScore(Integer score) {
      this.score = score;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CategoryScore c
          && Objects.equals(category, c.category)
          && Objects.equals(score, c.score);
    }

    @Override
    public int hashCode() {
      return Objects.hash(category, score);
    }
  }

  /** One essential's status. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EssentialStatus {

    @JsonPropertyDescription("The essential's stable id, such as tls or network-policies.")
    private String id;

    @JsonPropertyDescription("Its category.")
    private String category;

    @JsonPropertyDescription("met, partial, missing or failing.")
    private String status;

    @JsonPropertyDescription(
        "The first piece of evidence (the one that is not ok, if any), at most 200 characters.")
    private String evidence;

    public EssentialStatus() {}

    public EssentialStatus(String id, String category, String status, String evidence) {
      this.id = id;
      this.category = category;
      this.status = status;
      this.evidence = evidence;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getCategory() {
      return category;
    }

    public void setCategory(String category) {
      this.category = category;
    }

    public String getStatus() {
      return status;
    }

    public void setStatus(String status) {
      this.status = status;
    }

    public String getEvidence() {
      return evidence;
    }

    public void setEvidence(String evidence) {
      this.evidence = evidence;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EssentialStatus e
          && Objects.equals(id, e.id)
          && Objects.equals(category, e.category)
          && Objects.equals(status, e.status)
          && Objects.equals(evidence, e.evidence);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, category, status, evidence);
    }
  }
}
