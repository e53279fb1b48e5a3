package dev.bulwark.delivery;

import java.util.List;
import java.util.Optional;

/**
 * What the GitOps engine reports about one application in one environment: whether what the tree
 * says is what runs (synced), whether it works (healthy), and the images it runs.
 *
 * @param source where the evidence comes from, for messages (for example the Argo CD Application)
 */
public record EnvironmentState(
    boolean synced, boolean healthy, List<String> images, String source) {

  public EnvironmentState {
    images = List.copyOf(images);
  }

  /** Nothing is known: not found, so not passed. */
  public static EnvironmentState unknown(String source) {
    return new EnvironmentState(false, false, List.of(), source);
  }

  /**
   * Why {@code digest} of {@code image} has not passed this environment, or empty when it has:
   * synced, healthy and, when the engine lists images, running that digest.
   */
  public Optional<String> notPassed(String image, Digest digest) {
    if (!synced || !healthy) {
      return Optional.of(
          source
              + " is "
              + (synced ? "synced" : "not synced")
              + " and "
              + (healthy ? "healthy" : "not healthy"));
    }
    if (!images.isEmpty() && !images.contains(image + "@" + digest.value())) {
      return Optional.of(
          source + " runs " + String.join(", ", images) + ", not " + image + "@" + digest.value());
    }
    return Optional.empty();
  }
}
