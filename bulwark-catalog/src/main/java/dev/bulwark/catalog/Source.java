package dev.bulwark.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * Where a component is installed from, pinned.
 *
 * @param type how Argo CD fetches it
 * @param repository for {@code HELM} the chart repository URL; for {@code OCI} the registry path
 *     holding the chart ({@code oci://docker.io/envoyproxy}); for {@code GIT} the Git URL; for
 *     {@code MANIFEST} the URL of the upstream release manifest
 * @param chart the chart name ({@code HELM} and {@code OCI} only, else null)
 * @param path the directory in the repository ({@code GIT} only, else null)
 * @param version the chart version, Git tag, or release of the manifest
 * @param digest the {@code sha256:<hex>} of the archive (chart {@code .tgz}, manifest file or
 *     source tree archive) when the catalogue pins one; otherwise a chart is checked against its
 *     repository index's digest
 * @param crdValues the chart values that make {@code helm template --include-crds} render the
 *     chart's CRDs, where its defaults do not (cert-manager's {@code crds.enabled})
 */
public record Source(
    Type type,
    String repository,
    String chart,
    String path,
    String version,
    Optional<String> digest,
    Map<String, String> crdValues) {

  public Source {
    crdValues = Map.copyOf(crdValues);
  }

  /** A source without a pinned digest whose chart renders its CRDs by default. */
  public Source(Type type, String repository, String chart, String path, String version) {
    this(type, repository, chart, path, version, Optional.empty(), Map.of());
  }

  /** The kinds of upstream install. */
  public enum Type {
    /** A classic Helm repository (index.yaml over HTTPS). */
    HELM,
    /** A Helm chart in an OCI registry. */
    OCI,
    /** A directory of manifests in a Git repository at a tag. */
    GIT,
    /** A single release manifest URL, referenced from a kustomization. */
    MANIFEST
  }

  /** A one-line reference for tables: {@code https://charts.jetstack.io cert-manager@v1.21.1}. */
  public String reference() {
    return switch (type) {
      case HELM, OCI -> repository + " " + chart + "@" + version;
      case GIT -> repository + "//" + path + "@" + version;
      case MANIFEST -> repository;
    };
  }
}
