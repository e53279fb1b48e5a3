package dev.bulwark.catalog;

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
 */
public record Source(Type type, String repository, String chart, String path, String version) {

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
