package dev.bulwark.catalog;

/**
 * The Kubernetes minors a pinned component version supports, both ends included.
 *
 * @param min the oldest supported minor
 * @param max the newest supported minor
 */
public record KubernetesRange(KubernetesVersion min, KubernetesVersion max) {

  public KubernetesRange {
    if (min.isAfter(max)) {
      throw new IllegalArgumentException("Kubernetes range " + min + ".." + max + " is empty: min is after max");
    }
  }

  public boolean supports(KubernetesVersion version) {
    return !min.isAfter(version) && !version.isAfter(max);
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }
}
