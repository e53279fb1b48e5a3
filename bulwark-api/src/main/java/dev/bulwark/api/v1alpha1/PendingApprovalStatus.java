package dev.bulwark.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A manual promotion into an environment that waits for an owner's approval, as the operator's
 * promotion pass last read it from the GitOps repository (ADR 0024, ADR 0041).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PendingApprovalStatus {

  @JsonPropertyDescription(
      "The image digest (sha256:...) the request would move into the environment.")
  private String digest;

  @JsonPropertyDescription(
      "Who asked for the promotion, as the API server named them (a user or the operator's service account).")
  private String requestedBy;

  @JsonPropertyDescription("When the promotion was asked for (RFC 3339).")
  private String requestedAt;

  @JsonPropertyDescription(
      "The request's commit in the GitOps repository, the tip of its pending branch.")
  private String commit;

  @JsonPropertyDescription(
      "The pending branch the request waits on, bulwark/pending/<tenant>/<application>/<environment>; an approval commits the digest on the synced branch and deletes it.")
  private String branch;

  public PendingApprovalStatus() {}

  public PendingApprovalStatus(
      String digest, String requestedBy, String requestedAt, String commit, String branch) {
    this.digest = digest;
    this.requestedBy = requestedBy;
    this.requestedAt = requestedAt;
    this.commit = commit;
    this.branch = branch;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public void setRequestedBy(String requestedBy) {
    this.requestedBy = requestedBy;
  }

  public String getRequestedAt() {
    return requestedAt;
  }

  public void setRequestedAt(String requestedAt) {
    this.requestedAt = requestedAt;
  }

  public String getCommit() {
    return commit;
  }

  public void setCommit(String commit) {
    this.commit = commit;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingApprovalStatus other
        && Objects.equals(digest, other.digest)
        && Objects.equals(requestedBy, other.requestedBy)
        && Objects.equals(requestedAt, other.requestedAt)
        && Objects.equals(commit, other.commit)
        && Objects.equals(branch, other.branch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digest, requestedBy, requestedAt, commit, branch);
  }
}
