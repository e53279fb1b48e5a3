package dev.bulwark.catalog.charts;

import dev.bulwark.catalog.Source;

/**
 * Where a mirror keeps each kind of archive (ADR 0013). The root is a Helm repository ({@code
 * index.yaml} and the chart archives it names) for every HELM and OCI source; release manifests and
 * Git tag archives sit below it, and {@code SHA256SUMS} lists their digests.
 */
final class MirrorLayout {

  /** The digests of the non-chart files, in {@code sha256sum} format. */
  static final String SUMS = "SHA256SUMS";

  private MirrorLayout() {}

  /** The mirror path of a MANIFEST or GIT source's file. */
  static String path(String component, Source source) {
    return switch (source.type()) {
      case MANIFEST ->
          "manifests/" + component + "/" + source.version() + "/" + ArchiveCache.fileName(source);
      case GIT -> "git/" + component + "/" + ArchiveCache.fileName(source);
      case HELM, OCI -> ArchiveCache.fileName(source);
    };
  }
}
