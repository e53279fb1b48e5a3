package dev.bulwark.catalog.charts;

import dev.bulwark.catalog.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The folder that keeps verified archives ({@code <root>/<component>/<version>/<file>}) and the
 * CRDs extracted from them ({@code <root>/crds/<sha256>.yaml}), so that later runs work offline and
 * do not template again. Files are written to a temporary name and moved into place, so a reader
 * never sees half a file.
 */
public final class ArchiveCache {

  private final Path root;

  public ArchiveCache(Path root) {
    this.root = root;
  }

  /** {@code ${XDG_CACHE_HOME:-~/.cache}/bulwark/charts}. */
  public static ArchiveCache standard() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new ArchiveCache(base.resolve("bulwark/charts"));
  }

  public Path root() {
    return root;
  }

  /** Where {@code component}'s archive of {@code source} is kept. */
  Path archive(String component, Source source) {
    return root.resolve(safe(component)).resolve(safe(source.version())).resolve(fileName(source));
  }

  /**
   * Where a mirror's copy of {@code component}'s archive of {@code source} with {@code digest} is
   * kept, for a source the catalogue pins no digest of (a release manifest, a tag archive): an
   * export may have changed it (pointed a manifest's images at its registry), so it never stands in
   * for upstream's copy at {@link #archive}.
   */
  Path mirrored(String component, Source source, String digest) {
    return archive(component, source)
        .resolveSibling(digest.replace("sha256:", "sha256-"))
        .resolve(fileName(source));
  }

  /** Where the CRDs extracted from the archive with {@code digest} are kept. */
  Path crds(String digest) {
    return root.resolve("crds").resolve(digest.replace("sha256:", "") + ".yaml");
  }

  /** The bytes at {@code file}, if cached. */
  static Optional<byte[]> read(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Writes {@code bytes} to {@code file} atomically. */
  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
      Files.write(temporary, bytes);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cache file " + file, e);
    }
  }

  /** The file name an archive has in the cache and in a mirror. */
  static String fileName(Source source) {
    return switch (source.type()) {
      case HELM, OCI -> source.chart() + "-" + source.version() + ".tgz";
      case MANIFEST -> {
        String url = source.repository();
        yield url.substring(url.lastIndexOf('/') + 1);
      }
      case GIT -> source.version() + ".tar.gz";
    };
  }

  private static String safe(String part) {
    if (part.isEmpty() || part.contains("/") || part.contains("\\") || part.startsWith(".")) {
      throw new IllegalArgumentException("'" + part + "' cannot name a cache folder");
    }
    return part;
  }
}
