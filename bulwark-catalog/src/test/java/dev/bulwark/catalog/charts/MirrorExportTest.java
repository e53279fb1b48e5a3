package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.testkit.charts.ChartMirror;
import dev.bulwark.testkit.charts.MirrorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported mirror serves, over HTTP, every archive it was exported from, with the same digests.
 */
class MirrorExportTest {

  @Test
  void everyComponentsArchiveIsServedByTheExportedMirrorWithItsDigest(@TempDir Path work)
      throws Exception {
    List<Component> components = Catalogue.standard().components();
    ChartArchives source =
        new ChartArchives(
            new ArchiveCache(work.resolve("cache-a")),
            Optional.of(ChartMirror.folder().toString()));
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
}
