package dev.bulwark.delivery;

import java.util.Optional;

/**
 * What one environment's kustomization pins an image to: a digest once one was promoted, else the
 * tag {@code bulwark plan} wrote from the spec (or neither).
 */
public record ImagePin(String image, Optional<Digest> digest, Optional<String> tag) {

  /** The digest, or a refusal that says the environment runs no digest yet. */
  public Digest requireDigest(String environment) {
    return digest.orElseThrow(
        () ->
            new PromotionRefused(
                "environment `"
                    + environment
                    + "` pins image "
                    + image
                    + tag.map(t -> " to tag " + t).orElse(" to nothing")
                    + ", not to a digest: only a digest can be promoted"));
  }

  /** How the pin reads in a status table. */
  public String describe() {
    return digest.map(Digest::toString).or(() -> tag.map(t -> "tag " + t)).orElse("-");
  }
}
