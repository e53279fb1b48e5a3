package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Image;
import dev.bulwark.catalog.ReleaseManifests;
import dev.bulwark.catalog.Source;
import dev.bulwark.catalog.charts.ArchiveCache;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartImages;
import dev.bulwark.catalog.charts.ReleaseImages;
import dev.bulwark.cli.Cli;
import dev.bulwark.testkit.charts.ChartMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark mirror list} and {@code export}: what an operator copies across the gap. */
class MirrorCommandTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Image> pinnedImages() {
    return Catalogue.standard().components().stream().flatMap(c -> c.images().stream()).toList();
  }

  /** The catalogue's pins and the images inside its charts, as references. */
  private static java.util.Set<String> everyImage() {
    java.util.Set<String> all = new java.util.TreeSet<>();
    pinnedImages().forEach(i -> all.add(i.reference()));
    ChartImages.standard().values().forEach(l -> l.forEach(i -> all.add(i.reference())));
    return all;
  }

  /** The images the test mirror's release manifests (Tekton's) name, as references. */
  private static java.util.Set<String> releaseImages() throws java.io.IOException {
    java.util.Set<String> all = new java.util.TreeSet<>();
    try (var files = Files.walk(ChartMirror.folder().resolve("manifests"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        ReleaseImages.find(Files.readString(file))
            .forEach(r -> all.add(ReleaseImages.image(r).reference()));
      }
    }
    return all;
  }

  /** {@code bulwark mirror export OUT} of the test mirror, for {@code registry}. */
  private static Cli exportFromTheTestMirror(Path out, String registry) {
    return Cli.run(
        "mirror",
        "export",
        out.toString(),
        "--charts",
        ChartMirror.folder().toString(),
        "--registry",
        registry);
  }

  /** A Platform spec file in the test's folder: the fixed head, then {@code rest} under spec. */
  private Path platform(String rest) throws java.io.IOException {
    return platform(dir, rest);
  }

  /** A Platform spec file {@code platform.yaml} in {@code dir}, {@code rest} under its spec. */
  static Path platform(Path dir, String rest) throws java.io.IOException {
    return Files.writeString(
        dir.resolve("platform.yaml"),
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata: {name: p}
        spec:
          domain: p.example.com
        """
            + rest);
  }

  @Test
  void listShowsEveryPinnedImageAndEveryComponentsArchive() throws Exception {
    Cli cli = Cli.run("mirror", "list", "-o", "json", "--charts", ChartMirror.folder().toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode doc = JSON.readTree(cli.out());
    List<String> listed = doc.path("images").findValuesAsText("image");
    assertThat(listed)
        .containsSubsequence(pinnedImages().stream().map(Image::reference).toList())
        .contains("mirror.gcr.io/aquasec/trivy-db:2", "docker.io/goharbor/harbor-core:v2.15.1");
    java.util.Set<String> expected = everyImage();
    expected.addAll(releaseImages());
    assertThat(new java.util.TreeSet<>(listed)).isEqualTo(expected);
    // the images only Tekton's release manifests name, some as its controller's arguments
    assertThat(doc.path("images"))
        .filteredOn(i -> i.path("component").asText().equals("tekton-pipelines"))
        .extracting(i -> i.path("image").asText())
        .anySatisfy(
            i -> assertThat(i).contains("/tektoncd/pipeline/cmd/entrypoint:v1.15.0@sha256:"))
        .anySatisfy(i -> assertThat(i).startsWith("cgr.dev/chainguard/busybox"));
    assertThat(doc.path("charts").findValuesAsText("component").stream().distinct())
        .containsExactlyElementsOf(
            Catalogue.standard().components().stream().map(Component::id).toList());
    // Triggers' core interceptors ship beside its release.yaml, and the CI unit installs both
    assertThat(doc.path("charts").findValuesAsText("repository"))
        .filteredOn(r -> r.contains("/triggers/"))
        .hasSize(2)
        .anySatisfy(r -> assertThat(r).endsWith("/release.yaml"))
        .anySatisfy(r -> assertThat(r).endsWith("/interceptors.yaml"));
    JsonNode firstChart = doc.path("charts").get(0);
    Component first = Catalogue.standard().components().get(0);
    assertThat(firstChart.path("version").asText()).isEqualTo(first.source().version());
    assertThat(firstChart.has("digest")).isEqualTo(first.source().digest().isPresent());
  }

  @Test
  void withASpecTheListHasItsComponentsAndTheMirrorsDestinations() throws Exception {
    Path spec =
        platform(
            """
              profile: minimal
              components:
                certificates: {settings: {issuer: selfsigned}}
                gitops: {settings: {repoURL: "https://git.corp/platform.git"}}
              mirror:
                registry: mirror.corp:5000/m
            """);
    Cli cli =
        Cli.run("mirror", "list", spec.toString(), "--charts", ChartMirror.folder().toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("COMPONENT", "IMAGE", "DIGEST", "MIRROR", "VERSION")
        .contains("mirror.corp:5000/m/");
    Cli all = Cli.run("mirror", "list", "--charts", ChartMirror.folder().toString());
    assertThat(cli.out().lines().count()).isLessThan(all.out().lines().count());
  }

  /**
   * On the far side of the gap the manifests are read from the export, which names the mirror's
   * copies already: each is listed where it is, not moved under the mirror a second time.
   */
  @Test
  void anExportForTheSpecsRegistryListsTheReleaseImagesWhereTheExportPutThem() throws Exception {
    String registry = "mirror.corp:5000/m";
    Path out = dir.resolve("export");
    Cli export = exportFromTheTestMirror(out, registry);
    assertThat(export.exitCode()).as(export.err()).isZero();
    Path spec = MirrorCheckCommandTest.spec(dir, registry, "    ci: {enabled: true}\n");

    Cli list = Cli.run("mirror", "list", spec.toString(), "--charts", out.toString(), "-o", "json");

    assertThat(list.exitCode()).as(list.err()).isZero();
    List<JsonNode> inReleases = new java.util.ArrayList<>();
    JSON.readTree(list.out()).path("images").forEach(inReleases::add);
    inReleases.removeIf(i -> !i.path("image").asText().startsWith(registry + "/"));
    assertThat(inReleases)
        .extracting(i -> i.path("component").asText())
        .contains("tekton-pipelines", "tekton-triggers", "tekton-chains");
    assertThat(inReleases)
        .allSatisfy(
            i -> assertThat(i.path("destination").asText()).isEqualTo(i.path("image").asText()));
  }

  @Test
  void aBadMirrorInTheSpecIsAnErrorWithItsPlace() throws Exception {
    Path spec =
        platform(
            """
              mirror:
                registry: mirror.corp
                charts: ftp://mirror.corp/charts
            """);
    Cli cli = Cli.run("mirror", "list", spec.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains(spec + ":8:13: spec.mirror.charts: expected a string matching");
    assertThat(cli.out()).isEmpty();
  }

  /**
   * The exported folder holds images.txt and is a mirror the demo and apply accept: every
   * component's archive is obtained from it, verified, into an empty cache.
   */
  @Test
  void exportWritesTheImageListAndAFolderTheDemoReadsChartsFrom() throws Exception {
    Path upstream = ChartMirror.folder();
    Path out = dir.resolve("export");
    Cli cli = exportFromTheTestMirror(out, "mirror.corp:5000");
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("images.txt"));
    java.util.Set<String> expected = everyImage();
    expected.addAll(releaseImages());
    assertThat(
            lines.stream().map(l -> l.split(" ")[0]).collect(java.util.stream.Collectors.toSet()))
        .isEqualTo(expected);
    assertThat(lines)
        .contains("docker.io/alpine/helm:3.19.0 mirror.corp:5000/alpine/helm:3.19.0")
        .contains("memcached:1.6.39-alpine mirror.corp:5000/library/memcached:1.6.39-alpine")
        .contains("mirror.gcr.io/aquasec/trivy-db:2 mirror.corp:5000/aquasec/trivy-db:2")
        .allSatisfy(line -> assertThat(line.split(" ")[1]).startsWith("mirror.corp:5000/"));
    assertThat(out.resolve("index.yaml")).exists();

    ChartArchives demo =
        new ChartArchives(new ArchiveCache(dir.resolve("cache")), Optional.of(out.toString()));
    for (Component component : Catalogue.standard().components()) {
      assertThat(demo.obtain(component).origin()).as(component.id()).contains(out.toString());
      for (Source beside : ReleaseManifests.besides(component.id(), component.source())) {
        assertThat(demo.obtain(component.id(), beside).origin()).contains(out.toString());
      }
    }
    // the release manifests name the mirror's copies of their images, each listed in images.txt
    String interceptors = "manifests/tekton-triggers/v0.37.0/interceptors.yaml";
    List<String> upstreamImages =
        ReleaseImages.find(Files.readString(upstream.resolve(interceptors)));
    assertThat(ReleaseImages.find(Files.readString(out.resolve(interceptors))))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r).startsWith("mirror.corp:5000/"))
        .hasSameSizeAs(upstreamImages);
    assertThat(out.resolve(interceptors)).content().contains("kind: ClusterInterceptor");
    upstreamImages.forEach(
        r ->
            assertThat(lines)
                .anySatisfy(
                    l -> assertThat(l).startsWith(ReleaseImages.image(r).reference() + " ")));
    assertThat(out.resolve("SHA256SUMS")).content().contains("  " + interceptors + "\n");
    assertThat(cli.out()).doesNotContain("export with --registry");
  }
}
