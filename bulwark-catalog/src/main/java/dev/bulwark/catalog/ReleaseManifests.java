package dev.bulwark.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The release manifests of a component published as manifests rather than a chart: the one its
 * source names and those its release ships beside it, which the component needs as much. Tekton
 * Triggers ships its core interceptors (the GitHub, GitLab, CEL ... ClusterInterceptors every
 * EventListener needs) as {@code interceptors.yaml} next to {@code release.yaml}. One place, so
 * that what the CI unit installs is what {@code bulwark mirror export} copies.
 */
public final class ReleaseManifests {

  private static final String TRIGGERS = "tekton-triggers";
  private static final String RELEASE = "/release.yaml";

  private ReleaseManifests() {}

  /** The manifest URLs of a release whose main manifest is at {@code url}, in apply order. */
  public static List<String> urls(String component, String url) {
    if (component.equals(TRIGGERS) && url.endsWith(RELEASE)) {
      return List.of(url, url.substring(0, url.length() - RELEASE.length()) + "/interceptors.yaml");
    }
    return List.of(url);
  }

  /**
   * The manifests that ship beside a MANIFEST source's own, each as a source of the same version;
   * none pins a digest (the catalogue's pin is the main manifest's).
   */
  public static List<Source> besides(String component, Source source) {
    if (source.type() != Source.Type.MANIFEST) {
      return List.of();
    }
    return urls(component, source.repository()).stream()
        .skip(1)
        .map(
            url ->
                new Source(
                    source.type(),
                    url,
                    source.chart(),
                    source.path(),
                    source.version(),
                    Optional.empty(),
                    source.crdValues()))
        .toList();
  }
}
