package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.testkit.Folders;
import dev.bulwark.testkit.charts.ChartMirror;
import dev.bulwark.testkit.charts.MirrorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported mirror serves, over HTTP, every archive it was exported from, with the same digests.
 */
class MirrorExportTest {

  /** The test mirror made from the upstream charts and manifests, through an empty cache. */
  private static ChartArchives fromTestMirror(Path work) {
    return new ChartArchives(
        new ArchiveCache(work.resolve("cache-a")), Optional.of(ChartMirror.folder().toString()));
  }

  @Test
  void everyComponentsArchiveIsServedByTheExportedMirrorWithItsDigest(@TempDir Path work)
      throws Exception {
    List<Component> components = Catalogue.standard().components();
    ChartArchives source = fromTestMirror(work);
    List<Archive> exported = MirrorExport.export(components, source, work.resolve("mirror"));
    // one archive per component, and Triggers' interceptors.yaml beside its release.yaml
    assertThat(exported).hasSize(components.size() + 1);
    byte[] index = Files.readAllBytes(work.resolve("mirror/index.yaml"));

    try (MirrorServer server = MirrorServer.serve(work.resolve("mirror"))) {
      ChartArchives fromExport =
          new ChartArchives(new ArchiveCache(work.resolve("cache-b")), Optional.of(server.url()));
      for (Archive archive : exported) {
        Archive again = fromExport.obtain(archive.component(), archive.source());
        assertThat(again.digest()).as(archive.component()).isEqualTo(archive.digest());
        assertThat(again.origin()).startsWith(server.url() + "/");
      }
    }
    // the same archives give the same mirror, byte for byte
    MirrorExport.export(components, source, work.resolve("mirror"));
    assertThat(Files.readAllBytes(work.resolve("mirror/index.yaml"))).isEqualTo(index);
    assertThat(Files.readString(work.resolve("mirror/SHA256SUMS")))
        .contains(
            "  git/keycloak/26.0.0.tar.gz",
            "  manifests/tekton-chains/v0.28.0/release.yaml",
            "  manifests/tekton-triggers/v0.37.0/interceptors.yaml");
  }

  @Test
  void withARegistryTheReleaseManifestsNameOnlyTheMirrorsImages(@TempDir Path work)
      throws Exception {
    List<Component> components = Catalogue.standard().components();
    ChartArchives source = fromTestMirror(work);
    String registry = "mirror.corp:5443/platform";
    List<Archive> exported =
        MirrorExport.export(components, source, work.resolve("mirror"), Optional.of(registry));

    List<Archive> manifests =
        exported.stream().filter(a -> a.format() == Archive.Format.MANIFEST).toList();
    assertThat(manifests).hasSize(4);
    try (MirrorServer server = MirrorServer.serve(work.resolve("mirror"))) {
      ChartArchives fromExport =
          new ChartArchives(new ArchiveCache(work.resolve("cache-b")), Optional.of(server.url()));
      for (Archive upstream : manifests) {
        List<String> before = ReleaseImages.find(Files.readString(upstream.file()));
        // served with the digest SHA256SUMS gives what was written, not the upstream one
        Archive mirrored = fromExport.obtain(upstream.component(), upstream.source());
        List<String> after = ReleaseImages.find(Files.readString(mirrored.file()));

        assertThat(before)
            .as(upstream.component())
            .isNotEmpty()
            .noneMatch(r -> r.startsWith(registry));
        assertThat(after)
            .as(upstream.component())
            .containsExactlyElementsOf(
                before.stream().map(r -> ReleaseImages.mirrored(r, registry)).toList());
      }
    }
    // the controller's step images are arguments, and they are mirrored too
    String pipelines =
        Files.readString(work.resolve("mirror/manifests/tekton-pipelines/v1.15.0/release.yaml"));
    assertThat(pipelines)
        .contains("\"-entrypoint-image\", \"" + registry + "/tekton-releases/github.com/tektoncd/")
        .contains("\"-shell-image\", \"" + registry + "/chainguard/busybox@sha256:")
        .doesNotContainPattern("(gcr\\.io|cgr\\.dev|mcr\\.microsoft\\.com)/\\S*@sha256:");
    // charts are copied as they are
    Archive chart =
        exported.stream().filter(a -> a.format() == Archive.Format.CHART).findFirst().orElseThrow();
    assertThat(
            Files.readAllBytes(
                work.resolve("mirror")
                    .resolve(MirrorLayout.path(chart.component(), chart.source()))))
        .isEqualTo(Files.readAllBytes(chart.file()));
  }

  @Test
  void anArchiveThatCannotBeHadLeavesTheFolderAsItWas(@TempDir Path work) throws Exception {
    List<Component> components = Catalogue.standard().components();
    Path source = work.resolve("source");
    Folders.copy(ChartMirror.folder(), source);
    Component last = components.get(components.size() - 1);
    Files.delete(source.resolve(MirrorLayout.path(last.id(), last.source())));
    Path dir = Files.createDirectories(work.resolve("mirror"));
    Files.writeString(dir.resolve("README"), "an earlier export\n");
    ChartArchives from =
        new ChartArchives(new ArchiveCache(work.resolve("cache")), Optional.of(source.toString()));

    assertThatThrownBy(() -> MirrorExport.export(components, from, dir))
        .isInstanceOf(ChartFetchException.class)
        .hasMessageContaining(last.source().version());
    try (Stream<Path> left = Files.walk(dir)) {
      assertThat(left).containsExactlyInAnyOrder(dir, dir.resolve("README"));
    }
  }
}
