package dev.bulwark.delivery;

import java.util.Optional;

/**
 * What a promotion or approval did.
 *
 * @param commit the commit that moved the digest or recorded the request, if one was made
 */
public record Outcome(Kind kind, String environment, Digest digest, Optional<String> commit) {

  /** The three things a promotion can end in. */
  public enum Kind {
    /** A commit on the branch moved the digest. */
    PROMOTED,
    /** A request waits for an owner's approval. */
    PENDING_APPROVAL,
    /** The environment already runs that digest: nothing to commit. */
    ALREADY_THERE
  }

  /** One line for a person. */
  public String describe(DeliveryTarget target) {
    String what = target.qualifiedName() + " " + digest + " in " + environment;
    return switch (kind) {
      case PROMOTED ->
          "promoted " + what + commit.map(c -> " (commit " + c.substring(0, 12) + ")").orElse("");
      case PENDING_APPROVAL ->
          "requested "
              + what
              + ": waits for an approval by a member of "
              + String.join(", ", target.owners())
              + " (bulwark approve "
              + target.application()
              + " --env "
              + environment
              + ")";
      case ALREADY_THERE -> "nothing to do: " + environment + " already runs " + digest;
    };
  }
}
