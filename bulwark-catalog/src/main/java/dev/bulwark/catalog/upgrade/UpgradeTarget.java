package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.KubernetesVersion;
import java.util.List;
import java.util.Optional;

/**
 * What to upgrade to: a Kubernetes release, the catalogue release, or both.
 *
 * @param kubernetes the Kubernetes minor to reach, if the cluster is upgraded
 * @param release the catalogue release whose pins the components should reach, if they are upgraded
 */
public record UpgradeTarget(Optional<KubernetesVersion> kubernetes, Optional<String> release) {

  /**
   * Parses {@code --to} values: each is a Kubernetes version ({@code 1.37}) or a catalogue release
   * ({@code 2026.11}). This Bulwark carries one catalogue, so a release must be that one.
   */
  public static UpgradeTarget parse(List<String> values, Catalogue catalogue) {
    Optional<KubernetesVersion> kubernetes = Optional.empty();
    Optional<String> release = Optional.empty();
    for (String value : values) {
      for (String part : value.split(",")) {
        String v = part.trim();
        if (KubernetesVersion.looksLike(v)) {
          if (kubernetes.isPresent()) {
            throw new IllegalArgumentException(
                "--to: two Kubernetes versions (" + kubernetes.get() + ", " + v + "); give one");
          }
          kubernetes = Optional.of(KubernetesVersion.parse(v));
        } else if (v.equals(catalogue.release())) {
          release = Optional.of(v);
        } else {
          throw new IllegalArgumentException(
              "--to: '"
                  + v
                  + "' is neither a Kubernetes version (like 1.37) nor the catalogue release this"
                  + " bulwark carries ("
                  + catalogue.release()
                  + "); a newer catalogue comes with a newer bulwark");
        }
      }
    }
    if (kubernetes.isEmpty() && release.isEmpty()) {
      throw new IllegalArgumentException(
          "--to: give a Kubernetes version (like 1.37) and/or the catalogue release "
              + catalogue.release());
    }
    return new UpgradeTarget(kubernetes, release);
  }
}
