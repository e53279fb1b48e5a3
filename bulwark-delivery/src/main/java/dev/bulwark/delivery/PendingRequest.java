package dev.bulwark.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A manual promotion waiting for its approval. It lives as a commit on the branch {@code
 * bulwark/pending/<tenant>/<application>/<environment>} of the GitOps repository: the commit that
 * moves the digest, with who asked and when in its trailers, kept off the synced branch until an
 * owner approves. A later request for the same environment is committed on top, so the branch only
 * moves forward and its tip is the request that counts.
 */
public record PendingRequest(
    String environment, Digest digest, String requestedBy, Instant requestedAt, String commit) {

  static final String PREFIX = "bulwark/pending/";
  static final String DIGEST = "Bulwark-Digest";
  static final String REQUESTED_BY = "Requested-by";
  static final String REQUESTED_AT = "Requested-at";

  /** The branch a request for {@code environment} of {@code target} waits on. */
  public static String branch(DeliveryTarget target, String environment) {
    return PREFIX + target.tenant() + "/" + target.application() + "/" + environment;
  }

  /** The request recorded by {@code commit}, the tip of its pending branch. */
  static PendingRequest of(String environment, RevCommit commit) {
    List<FooterLine> footers = commit.getFooterLines();
    return new PendingRequest(
        environment,
        Digest.of(footer(footers, DIGEST, commit)),
        footer(footers, REQUESTED_BY, commit),
        Instant.parse(footer(footers, REQUESTED_AT, commit)),
        commit.name());
  }

  private static String footer(List<FooterLine> footers, String key, RevCommit commit) {
    Optional<String> value =
        footers.stream()
            .filter(f -> f.getKey().equalsIgnoreCase(key))
            .map(FooterLine::getValue)
            .findFirst();
    return value.orElseThrow(
        () ->
            new IllegalStateException(
                "pending request commit " + commit.name() + " has no " + key + " trailer"));
  }
}
