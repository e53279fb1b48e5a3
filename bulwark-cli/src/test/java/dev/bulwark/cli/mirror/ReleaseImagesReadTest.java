package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Image;
import dev.bulwark.catalog.charts.ArchiveCache;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.testkit.charts.ChartMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images inside release manifests, read from a mirror, and what could not be read. */
class ReleaseImagesReadTest {

  @TempDir Path dir;

  @Test
  void readsEachManifestComponentsImagesAndNothingForCharts() {
    List<Component> components = Catalogue.standard().components();
    ChartArchives charts =
        new ChartArchives(
            new ArchiveCache(dir.resolve("cache")), Optional.of(ChartMirror.folder().toString()));

    ReleaseImagesRead read = ReleaseImagesRead.of(components, charts);

    assertThat(read.unread()).isEmpty();
    assertThat(read.images().keySet())
        .containsExactlyInAnyOrder("tekton-pipelines", "tekton-triggers", "tekton-chains");
    // Triggers' images include the core interceptors' from interceptors.yaml beside release.yaml
    assertThat(read.images().get("tekton-triggers"))
        .extracting(Image::reference)
        .anySatisfy(r -> assertThat(r).contains("/cmd/interceptors:v0.37.0@sha256:"))
        .anySatisfy(r -> assertThat(r).contains("/cmd/controller:v0.37.0@sha256:"));
  }

  @Test
  void aManifestThatCannotBeHadIsOneLineNamingItAndWhy() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-mirror"));
    ChartArchives charts =
        new ChartArchives(new ArchiveCache(dir.resolve("cache")), Optional.of(empty.toString()));

    ReleaseImagesRead read = ReleaseImagesRead.of(Catalogue.standard().components(), charts);

    assertThat(read.unread())
        .hasSize(4)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("tekton-pipelines v1.15.0 (https://")
                    .contains("/release.yaml): "))
        .anySatisfy(line -> assertThat(line).contains("/interceptors.yaml): "));
    assertThat(read.images().values()).allSatisfy(images -> assertThat(images).isEmpty());
    java.io.StringWriter err = new java.io.StringWriter();
    read.report(new java.io.PrintWriter(err, true), "bulwark mirror check: not checked");
    assertThat(err.toString().lines())
        .hasSize(4)
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("bulwark mirror check: not checked, the images inside tekton-")
                    .endsWith("; name a mirror with --charts, or run once online to cache it"));
  }
}
