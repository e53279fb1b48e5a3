package dev.bulwark.catalog;

import java.util.Optional;

/**
 * The Kubernetes minors a pinned component release supports, both ends included. Most charts
 * declare only a floor ({@code kubeVersion: ">=1.25.0-0"}); a ceiling is recorded only where
 * upstream states one (a support matrix, or an end of life such as ingress-nginx's retirement).
 *
 * @param min the oldest supported minor
 * @param max the newest supported minor, when upstream states one
 */
public record KubernetesRange(KubernetesVersion min, Optional<KubernetesVersion> max) {

  public KubernetesRange {
    if (max.isPresent() && min.isAfter(max.get())) {
      throw new IllegalArgumentException(
          "Kubernetes range " + min + ".." + max.get() + " is empty: min is after max");
    }
  }

  public boolean supports(KubernetesVersion version) {
    return !min.isAfter(version) && max.map(m -> !version.isAfter(m)).orElse(true);
  }

  /** {@code 1.30-1.34}, or {@code 1.30+} without a stated ceiling. */
  @Override
  public String toString() {
    return max.map(m -> min + "-" + m).orElse(min + "+");
  }
}
