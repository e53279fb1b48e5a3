package dev.bulwark.platform.kinds.argocd;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * What an Application syncs: a Helm chart of a chart repository, or a path of a Git repository
 * (optionally read as a plain directory). Exactly one of {@code chart} and {@code path} is set.
 */
public record ApplicationSource(
    String repoURL,
    String path,
    String chart,
    String targetRevision,
    HelmSource helm,
    DirectorySource directory)
    implements ResourceFields {

  public ApplicationSource {
    Required.text(repoURL, "Application spec.source.repoURL");
    Required.text(targetRevision, "Application spec.source.targetRevision");
    if ((chart == null) == (path == null)) {
      throw new IllegalArgumentException(
          "Application spec.source of "
              + repoURL
              + ": exactly one of chart and path is required, got "
              + (chart == null ? "neither" : "both"));
    }
    if (helm != null && chart == null || directory != null && path == null) {
      throw new IllegalArgumentException(
          "Application spec.source of "
              + repoURL
              + ": helm goes with a chart and directory with a path");
    }
  }

  /** A chart of a Helm repository (for an OCI registry, the registry path without the scheme). */
  public static ApplicationSource chart(
      String repoURL, String chart, String version, HelmSource helm) {
    return new ApplicationSource(
        repoURL, null, Required.text(chart, "Application spec.source.chart"), version, helm, null);
  }

  /**
   * A path of a Git repository, rendered as Argo CD detects (Kustomize, Helm or plain manifests).
   */
  public static ApplicationSource path(String repoURL, String path, String revision) {
    return new ApplicationSource(
        repoURL, Required.text(path, "Application spec.source.path"), null, revision, null, null);
  }

  /** A path of a Git repository read as a directory of plain manifests. */
  public static ApplicationSource directory(
      String repoURL, String path, String revision, DirectorySource directory) {
    return new ApplicationSource(
        repoURL,
        Required.text(path, "Application spec.source.path"),
        null,
        revision,
        null,
        Required.present(directory, "Application spec.source.directory"));
  }

  @Override
  public Map<String, Object> toMap() {
    return FieldMap.create()
        .put("repoURL", repoURL)
        .put("path", path)
        .put("chart", chart)
        .put("targetRevision", targetRevision)
        .put("helm", helm)
        .put("directory", directory)
        .build();
  }
}
