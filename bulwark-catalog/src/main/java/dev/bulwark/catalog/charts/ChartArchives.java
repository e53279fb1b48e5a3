package dev.bulwark.catalog.charts;

import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Source;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Obtains a component's pinned archive the way a user's machine would: from the cache when a
 * verified copy is there, else from the mirror when one is named ({@code --charts} or {@code
 * BULWARK_CHARTS}), else from upstream (the Helm repository's index, the OCI registry, the release
 * manifest URL, or the Git host's archive of the tag). Every download's sha256 is checked against
 * the catalogue's pinned digest when there is one, else against the digest the Helm index or OCI
 * manifest publishes; a mismatch is refused with both digests named.
 *
 * <p>A release manifest or tag archive (no pinned digest) from a mirror is the mirror's copy, which
 * its export may have changed (images pointed at its registry): it is checked against the mirror's
 * {@code SHA256SUMS}, kept in the cache under its digest, and used only while that mirror is named;
 * the cache's copy for upstream holds upstream's bytes alone.
 */
public final class ChartArchives {

  /** The environment variable naming a mirror, as {@code --charts} does. */
  public static final String MIRROR_ENV = "BULWARK_CHARTS";

  private final ArchiveCache cache;
  private final Optional<URI> mirror;
  private final Downloads downloads = new Downloads();
  private final Map<URI, HelmRepositoryIndex> indexes = new HashMap<>();
  private Optional<MirrorSums> mirrorSums;

  /**
   * @param cache where verified archives are kept
   * @param mirror a folder or an {@code http(s)://} base URL laid out as ADR 0013 describes; empty
   *     for upstream
   */
  public ChartArchives(ArchiveCache cache, Optional<String> mirror) {
    this.cache = cache;
    this.mirror = mirror.filter(m -> !m.isBlank()).map(ChartArchives::baseUri);
  }

  /** The standard cache, and the mirror of {@code --charts} or else {@code BULWARK_CHARTS}. */
  public static ChartArchives standard(Optional<String> chartsOption) {
    return new ChartArchives(
        ArchiveCache.standard(),
        chartsOption.or(() -> Optional.ofNullable(System.getenv(MIRROR_ENV))));
  }

  public ArchiveCache cache() {
    return cache;
  }

  /** The mirror in use, if any. */
  public Optional<URI> mirror() {
    return mirror;
  }

  /** {@code component}'s pinned archive. */
  public Archive obtain(Component component) {
    return obtain(component.id(), component.source());
  }

  /** The archive of {@code source}, pinned for {@code component}. */
  public Archive obtain(String component, Source source) {
    if (source.digest().isEmpty() && mirror.isPresent() && !isChart(source)) {
      return fromMirrorUnpinned(mirror.get(), component, source);
    }
    Path cached = cache.archive(component, source);
    Optional<byte[]> bytes = ArchiveCache.read(cached);
    if (bytes.isPresent()
        && source.digest().map(d -> d.equals(Sha256.digest(bytes.get()))).orElse(true)) {
      return new Archive(
          component, source, cached, Sha256.digest(bytes.get()), format(source), "cache " + cached);
    }
    Fetched fetched =
        mirror.isPresent() ? fromMirror(mirror.get(), component, source) : fromUpstream(source);
    String actual = Sha256.digest(fetched.bytes());
    refuseOtherThan(
        source.digest().or(fetched::publishedDigest),
        fetched,
        actual,
        source.digest().isPresent() ? "the catalogue pins" : "its index publishes");
    ArchiveCache.write(cached, fetched.bytes());
    return new Archive(
        component, source, cached, actual, format(source), fetched.origin().toString());
  }

  private record Fetched(URI origin, byte[] bytes, Optional<String> publishedDigest) {}

  /**
   * A mirror's copy of a source without a pinned digest: the cached copy with the digest the
   * mirror's {@code SHA256SUMS} lists, else downloaded, checked against that digest and cached
   * under its own.
   */
  private Archive fromMirrorUnpinned(URI base, String component, Source source) {
    Optional<String> listed = sums(base).digest(MirrorLayout.path(component, source));
    if (listed.isPresent()) {
      String digest = listed.get();
      for (Path cached :
          List.of(cache.archive(component, source), cache.mirrored(component, source, digest))) {
        if (ArchiveCache.read(cached).map(b -> digest.equals(Sha256.digest(b))).orElse(false)) {
          return new Archive(component, source, cached, digest, format(source), "cache " + cached);
        }
      }
    }
    Fetched fetched = fromMirror(base, component, source);
    String actual = Sha256.digest(fetched.bytes());
    refuseOtherThan(listed, fetched, actual, "the mirror's SHA256SUMS lists");
    Path cached = cache.mirrored(component, source, actual);
    ArchiveCache.write(cached, fetched.bytes());
    return new Archive(
        component, source, cached, actual, format(source), fetched.origin().toString());
  }

  /** Refuses a download whose digest is not the one expected, naming who expects it. */
  private static void refuseOtherThan(
      Optional<String> expected, Fetched fetched, String actual, String expectedBy) {
    if (expected.isPresent() && !expected.get().equals(actual)) {
      throw new ChartFetchException(
          fetched.origin()
              + " has digest "
              + actual
              + " but "
              + expectedBy
              + " "
              + expected.get()
              + "; refused");
    }
  }

  private static boolean isChart(Source source) {
    return format(source) == Archive.Format.CHART;
  }

  private Fetched fromUpstream(Source source) {
    return switch (source.type()) {
      case HELM -> fromHelmRepository(baseUri(source.repository()), source, source.repository());
      case OCI -> {
        OciChartRegistry.Pulled pulled =
            new OciChartRegistry(downloads)
                .pull(source.repository(), source.chart(), source.version());
        yield new Fetched(pulled.blob(), pulled.archive(), Optional.of(pulled.digest()));
      }
      case MANIFEST -> {
        URI url = URI.create(source.repository());
        yield new Fetched(url, downloads.body(url), Optional.empty());
      }
      case GIT -> {
        URI url = tagArchive(source);
        yield new Fetched(url, downloads.body(url), Optional.empty());
      }
    };
  }

  private Fetched fromMirror(URI base, String component, Source source) {
    return switch (source.type()) {
      case HELM, OCI -> fromHelmRepository(base, source, "the mirror " + base);
      case MANIFEST, GIT -> {
        String relative = MirrorLayout.path(component, source);
        URI url = base.resolve(relative);
        Downloads.Response response = downloads.get(url, Map.of());
        if (!response.ok()) {
          throw new ChartFetchException("the mirror " + base + " has no " + relative);
        }
        yield new Fetched(url, response.body(), sums(base).digest(relative));
      }
    };
  }

  private Fetched fromHelmRepository(URI base, Source source, String described) {
    HelmRepositoryIndex index =
        indexes.computeIfAbsent(
            base,
            b -> {
              URI location = b.resolve("index.yaml");
              Downloads.Response response = downloads.get(location, Map.of());
              if (!response.ok()) {
                throw new ChartFetchException(
                    described
                        + " has no index.yaml (HTTP "
                        + response.status()
                        + " for "
                        + location
                        + ")");
              }
              return HelmRepositoryIndex.parse(location, response.body());
            });
    HelmRepositoryIndex.Entry entry =
        index
            .find(source.chart(), source.version())
            .orElseThrow(
                () ->
                    new ChartFetchException(
                        described + " has no chart " + source.chart() + " " + source.version()));
    return new Fetched(entry.archive(), downloads.body(entry.archive()), entry.digest());
  }

  private MirrorSums sums(URI base) {
    if (mirrorSums == null) {
      Downloads.Response response = downloads.get(base.resolve(MirrorLayout.SUMS), Map.of());
      mirrorSums =
          Optional.of(
              response.ok()
                  ? MirrorSums.parse(new String(response.body(), StandardCharsets.UTF_8))
                  : MirrorSums.NONE);
    }
    return mirrorSums.get();
  }

  /** The Git host's archive of the tag: the tree a shallow fetch of the tag would check out. */
  static URI tagArchive(Source source) {
    String repository = source.repository().replaceAll("\\.git$", "");
    if (!repository.startsWith("https://github.com/")) {
      throw new ChartFetchException(
          source.reference()
              + ": only github.com tag archives can be fetched; use a mirror (--charts)");
    }
    return URI.create(repository + "/archive/refs/tags/" + source.version() + ".tar.gz");
  }

  private static Archive.Format format(Source source) {
    return switch (source.type()) {
      case HELM, OCI -> Archive.Format.CHART;
      case MANIFEST -> Archive.Format.MANIFEST;
      case GIT -> Archive.Format.SOURCE_TREE;
    };
  }

  /** A folder or URL as a base URI ending in '/'. */
  static URI baseUri(String location) {
    String text =
        location.contains("://")
            ? location
            : Path.of(location).toAbsolutePath().normalize().toUri().toString();
    return URI.create(text.endsWith("/") ? text : text + "/");
  }

  /** Whether a mirror folder exists (an URL is taken as given). */
  static boolean exists(URI base) {
    return !"file".equals(base.getScheme()) || Files.isDirectory(Path.of(base));
  }
}
