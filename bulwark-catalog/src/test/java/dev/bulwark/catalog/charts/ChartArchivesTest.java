package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Source;
import dev.bulwark.testkit.charts.ChartMirror;
import dev.bulwark.testkit.charts.MirrorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts downloaded from a Helm repository served on 127.0.0.1, as a user's machine would fetch
 * them.
 */
class ChartArchivesTest {

  private static final String CERT_MANAGER_DIGEST_PREFIX = "sha256:";

  @TempDir Path cacheDir;

  private static Source helm(String repository, String chart, String version) {
    return new Source(Source.Type.HELM, repository, chart, null, version);
  }

  @Test
  void downloadsThePinnedArchiveCheckedAgainstTheIndexAndReusesTheCacheOffline() throws Exception {
    Path mirror = ChartMirror.folder();
    byte[] published = Files.readAllBytes(mirror.resolve("cert-manager-v1.21.1.tgz"));
    Archive first;
    try (MirrorServer server = MirrorServer.serve(mirror)) {
      first =
          new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
              .obtain("cert-manager", helm(server.url(), "cert-manager", "v1.21.1"));
      assertThat(first.origin()).isEqualTo(server.url() + "/cert-manager-v1.21.1.tgz");
      assertThat(server.requests()).isEqualTo(2);
    }
    assertThat(Files.readAllBytes(first.file())).isEqualTo(published);
    assertThat(first.digest()).isEqualTo(CERT_MANAGER_DIGEST_PREFIX + Sha256.hex(published));
    assertThat(Files.readString(mirror.resolve("index.yaml"))).contains(Sha256.hex(published));
    assertThat(first.file()).startsWith(cacheDir);

    // the server is gone: a second run is served from the cache
    Archive again =
        new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
            .obtain("cert-manager", helm("http://127.0.0.1:9", "cert-manager", "v1.21.1"));
    assertThat(again.origin()).startsWith("cache ");
    assertThat(again.digest()).isEqualTo(first.digest());
  }

  @Test
  void anArchiveThatDoesNotMatchTheIndexDigestIsRefusedWithBothDigests(@TempDir Path tampered)
      throws Exception {
    Path mirror = ChartMirror.folder();
    Files.copy(mirror.resolve("index.yaml"), tampered.resolve("index.yaml"));
    Files.copy(mirror.resolve("gatekeeper-3.23.0.tgz"), tampered.resolve("gatekeeper-3.23.0.tgz"));
    String published = Sha256.digest(Files.readAllBytes(tampered.resolve("gatekeeper-3.23.0.tgz")));
    Files.write(
        tampered.resolve("gatekeeper-3.23.0.tgz"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    String actual = Sha256.digest(Files.readAllBytes(tampered.resolve("gatekeeper-3.23.0.tgz")));
    try (MirrorServer server = MirrorServer.serve(tampered)) {
      ChartArchives archives = new ChartArchives(new ArchiveCache(cacheDir), Optional.empty());
      assertThatThrownBy(
              () -> archives.obtain("gatekeeper", helm(server.url(), "gatekeeper", "3.23.0")))
          .isInstanceOf(ChartFetchException.class)
          .hasMessage(
              server.url()
                  + "/gatekeeper-3.23.0.tgz has digest "
                  + actual
                  + " but its index publishes "
                  + published
                  + "; refused");
    }
    assertThat(cacheDir.resolve("gatekeeper")).doesNotExist();
  }

  @Test
  void aDigestPinnedInTheCatalogueWinsOverTheIndex() {
    Path mirror = ChartMirror.folder();
    String pinned = "sha256:" + "0".repeat(64);
    Source source =
        new Source(
            Source.Type.HELM,
            "unused",
            "gatekeeper",
            null,
            "3.23.0",
            Optional.of(pinned),
            Map.of());
    try (MirrorServer server = MirrorServer.serve(mirror)) {
      Source served =
          new Source(
              Source.Type.HELM,
              server.url(),
              "gatekeeper",
              null,
              "3.23.0",
              source.digest(),
              Map.of());
      assertThatThrownBy(
              () ->
                  new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
                      .obtain("gatekeeper", served))
          .hasMessageContaining("but the catalogue pins " + pinned + "; refused")
          .hasMessageContaining("has digest sha256:");
    }
  }

  @Test
  void aVersionTheRepositoryDoesNotPublishIsNamed() {
    try (MirrorServer server = MirrorServer.serve(ChartMirror.folder())) {
      assertThatThrownBy(
              () ->
                  new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
                      .obtain("argo-cd", helm(server.url(), "argo-cd", "10.9.0")))
          .isInstanceOf(ChartFetchException.class)
          .hasMessage(server.url() + " has no chart argo-cd 10.9.0");
    }
  }

  @Test
  void anUnreachableRepositoryIsOneLineNamingIt() {
    String url;
    try (MirrorServer server = MirrorServer.serve(ChartMirror.folder())) {
      url = server.url();
    }
    assertThatThrownBy(
            () ->
                new ChartArchives(new ArchiveCache(cacheDir), Optional.empty())
                    .obtain("argo-cd", helm(url, "argo-cd", "10.1.1")))
        .isInstanceOf(ChartFetchException.class)
        .hasMessageStartingWith("cannot reach " + url)
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMirrorFolderServesChartsGitTagArchivesAndManifestsByTheirPins() throws Exception {
    Path mirror = ChartMirror.folder();
    ChartArchives archives =
        new ChartArchives(new ArchiveCache(cacheDir), Optional.of(mirror.toString()));
    Archive chart =
        archives.obtain(
            "envoy-gateway",
            new Source(
                Source.Type.OCI, "oci://docker.io/envoyproxy", "gateway-helm", null, "v1.9.0"));
    assertThat(chart.format()).isEqualTo(Archive.Format.CHART);
    assertThat(chart.origin()).endsWith("/gateway-helm-v1.9.0.tgz");
    Archive tree =
        archives.obtain(
            "keycloak",
            new Source(
                Source.Type.GIT,
                "https://github.com/keycloak/keycloak-k8s-resources",
                null,
                "kubernetes",
                "26.0.0"));
    assertThat(tree.origin()).endsWith("/git/keycloak/26.0.0.tar.gz");
    assertThat(Files.readString(mirror.resolve("SHA256SUMS")))
        .contains(tree.digest().substring("sha256:".length()) + "  git/keycloak/26.0.0.tar.gz");
    Archive manifest =
        archives.obtain(
            "tekton-pipelines",
            new Source(
                Source.Type.MANIFEST,
                "https://infra.tekton.dev/tekton-releases/pipeline/previous/v1.15.0/release.yaml",
                null,
                null,
                "v1.15.0"));
    assertThat(manifest.format()).isEqualTo(Archive.Format.MANIFEST);
    assertThat(manifest.origin()).endsWith("/manifests/tekton-pipelines/v1.15.0/release.yaml");
    assertThatThrownBy(
            () ->
                archives.obtain(
                    "jaeger",
                    helm("https://jaegertracing.github.io/helm-charts", "jaeger", "4.0.1")))
        .hasMessage("the mirror " + mirror.toUri() + " has no chart jaeger 4.0.1");
  }

  @Test
  void aMirrorsCopyOfAReleaseManifestIsUsedWhileItIsNamedAndNeverStandsInForUpstreams(
      @TempDir Path work) throws Exception {
    Source pipelines =
        new Source(
            Source.Type.MANIFEST,
            "https://infra.tekton.dev/tekton-releases/pipeline/previous/v1.15.0/release.yaml",
            null,
            null,
            "v1.15.0");
    Component component =
        Catalogue.standard().components().stream()
            .filter(c -> c.id().equals("tekton-pipelines"))
            .findFirst()
            .orElseThrow();
    // an export pointed at a registry, made from the test mirror through a cache of its own
    String registry = "mirror.corp:5443/platform";
    Path export = work.resolve("export");
    MirrorExport.export(
        List.of(component),
        new ChartArchives(
            new ArchiveCache(work.resolve("cache-x")),
            Optional.of(ChartMirror.folder().toString())),
        export,
        Optional.of(registry));
    // this machine's cache holds upstream's copy
    ArchiveCache cache = new ArchiveCache(cacheDir);
    byte[] upstream =
        Files.readAllBytes(
            ChartMirror.folder().resolve(MirrorLayout.path(component.id(), pipelines)));
    ArchiveCache.write(cache.archive(component.id(), pipelines), upstream);

    Archive mirrored =
        new ChartArchives(cache, Optional.of(export.toString())).obtain(component.id(), pipelines);
    assertThat(mirrored.origin())
        .endsWith("/export/" + MirrorLayout.path(component.id(), pipelines));
    assertThat(ReleaseImages.find(Files.readString(mirrored.file())))
        .isNotEmpty()
        .allMatch(image -> image.startsWith(registry + "/"));
    // again with the same mirror: its copy, from the cache
    Archive again =
        new ChartArchives(cache, Optional.of(export.toString())).obtain(component.id(), pipelines);
    assertThat(again.origin()).startsWith("cache ");
    assertThat(again.digest()).isEqualTo(mirrored.digest());
    // without the mirror: upstream's copy, as it was
    Archive unmirrored =
        new ChartArchives(cache, Optional.empty()).obtain(component.id(), pipelines);
    assertThat(Files.readAllBytes(unmirrored.file())).isEqualTo(upstream);
    // a mirror whose file does not match its SHA256SUMS is refused, and the cache keeps nothing
    Path tampered = export.resolve(MirrorLayout.path(component.id(), pipelines));
    Files.writeString(tampered, "# changed\n", StandardOpenOption.APPEND);
    ArchiveCache fresh = new ArchiveCache(work.resolve("cache-y"));
    assertThatThrownBy(
            () ->
                new ChartArchives(fresh, Optional.of(export.toString()))
                    .obtain(component.id(), pipelines))
        .isInstanceOf(ChartFetchException.class)
        .hasMessageContaining("but the mirror's SHA256SUMS lists " + mirrored.digest());
    assertThat(work.resolve("cache-y")).doesNotExist();
  }

  @Test
  void aGitSourceIsFetchedAsTheHostsArchiveOfTheTag() {
    assertThat(
            ChartArchives.tagArchive(
                new Source(
                    Source.Type.GIT,
                    "https://github.com/keycloak/keycloak-k8s-resources",
                    null,
                    "kubernetes",
                    "26.0.0")))
        .hasToString(
            "https://github.com/keycloak/keycloak-k8s-resources/archive/refs/tags/26.0.0.tar.gz");
    assertThatThrownBy(
            () ->
                ChartArchives.tagArchive(
                    new Source(Source.Type.GIT, "https://git.example.org/x/y", null, "k", "1.0.0")))
        .hasMessageContaining(
            "only github.com tag archives can be fetched; use a mirror (--charts)");
  }
}
