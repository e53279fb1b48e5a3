package dev.bulwark.catalog.charts;

import dev.bulwark.catalog.Source;
import java.nio.file.Path;

/**
 * One component's upstream archive, verified and in the cache.
 *
 * @param component the catalogue component it installs
 * @param source the pinned source it was obtained for
 * @param file the cached file
 * @param digest its {@code sha256:<hex>}
 * @param format what the file holds
 * @param origin where it came from (a URL or the cache), for messages
 */
public record Archive(
    String component, Source source, Path file, String digest, Format format, String origin) {

  /** What an archive file holds. */
  public enum Format {
    /** A packaged Helm chart ({@code .tgz}). */
    CHART,
    /** A multi-document YAML release manifest. */
    MANIFEST,
    /** A {@code .tar.gz} of a Git repository's tree at a tag (GitHub's tag archive layout). */
    SOURCE_TREE
  }
}
