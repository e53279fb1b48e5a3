package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.catalog.charts.ArchiveCache;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.cli.Cli;
import dev.bulwark.testkit.charts.ChartMirror;
import dev.bulwark.testkit.engines.OciRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark mirror check} against a real registry: crane's, on 127.0.0.1, holding small images
 * pushed under the mirror destinations of a spec's images, some left out or with other digests.
 */
class MirrorCheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  @TempDir Path dir;

  private static OciRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = OciRegistry.start(work);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private Path spec(String mirror, String extra) throws IOException {
    return spec(dir, mirror, extra);
  }

  /** A minimal platform with the mirror at {@code mirror}, and {@code extra} components. */
  static Path spec(Path dir, String mirror, String extra) throws IOException {
    return MirrorCommandTest.platform(
        dir,
        """
          profile: minimal
          components:
            certificates: {settings: {issuer: selfsigned}}
            gitops: {settings: {repoURL: "https://git.corp/platform.git"}}
        """
            + extra
            + "  mirror:\n    registry: "
            + mirror
            + "\n");
  }

  /** The images the spec needs, as the list command and the check read them. */
  static List<MirrorInventory.ImageEntry> images(Path spec) {
    Optional<MirrorScope> scope =
        MirrorScope.load(List.of(spec.toString()), new PrintWriter(new StringWriter()));
    assertThat(scope).isPresent();
    return MirrorInventory.of(scope.get().components()).images();
  }

  /** Pushes a small image where the mirror keeps {@code entry}, under its tag; its digest. */
  private static String push(MirrorInventory.ImageEntry entry, String mirror) throws Exception {
    return push(registry, entry, mirror);
  }

  /** Pushes a small image to {@code to} where the mirror keeps {@code entry}; its digest. */
  static String push(OciRegistry to, MirrorInventory.ImageEntry entry, String mirror)
      throws Exception {
    String destination = entry.destination(Optional.of(mirror));
    int at = destination.indexOf('@');
    return to.pushTo(at < 0 ? destination : destination.substring(0, at), destination);
  }

  @Test
  void reportsExactlyTheMissingImageAndTheOnesWithAnotherDigest() throws Exception {
    String mirror = registry.host + "/partial";
    Path spec = spec(mirror, "    gateway: {implementation: ingress-nginx}\n");
    List<MirrorInventory.ImageEntry> images = images(spec);
    MirrorInventory.ImageEntry left =
        images.stream().filter(i -> i.digest().isEmpty()).findFirst().get();
    Map<String, String> expected = new TreeMap<>();
    for (MirrorInventory.ImageEntry entry : images) {
      String destination = entry.destination(Optional.of(mirror));
      if (entry == left) {
        expected.put(destination, "missing");
        continue;
      }
      // the catalogue pins ingress-nginx's images by upstream digests no image built here has
      push(entry, mirror);
      expected.put(destination, entry.digest().isPresent() ? "wrong digest" : "present");
    }
    assertThat(expected).containsValue("wrong digest").containsValue("present");

    Cli cli =
        Cli.run("mirror", "check", spec.toString(), "--registry", "http://" + mirror, "-o", "json");

    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
    JsonNode doc = JSON.readTree(cli.out());
    Map<String, String> reported = new TreeMap<>();
    doc.path("images")
        .forEach(i -> reported.put(i.path("destination").asText(), i.path("state").asText()));
    assertThat(reported).isEqualTo(expected);
    assertThat(doc.path("summary").path("missing").asInt()).isEqualTo(1);
    String leftDestination = left.destination(Optional.of(mirror));
    assertThat(cli.err())
        .contains(
            "missing: " + leftDestination + " (" + left.component() + "): no manifest ",
            left.image().reference() + " " + leftDestination)
        .contains("wrong digest: ")
        .contains("the catalogue pins sha256:");
  }

  @Test
  void exitsZeroWhenTheMirrorHoldsEveryImage() throws Exception {
    String mirror = registry.host + "/complete";
    Path spec = spec(mirror, "");
    List<MirrorInventory.ImageEntry> images = images(spec);
    assertThat(images).isNotEmpty().allMatch(i -> i.digest().isEmpty());
    Map<String, String> digests = new TreeMap<>();
    for (MirrorInventory.ImageEntry entry : images) {
      digests.put(entry.destination(Optional.of(mirror)), push(entry, mirror));
    }

    Cli cli = Cli.run("mirror", "check", spec.toString(), "--registry", "http://" + mirror);

    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.err()).isEmpty();
    assertThat(cli.out())
        .contains("STATE", "IMAGE", "COMPONENT")
        .contains(
            images.size() + " images in " + mirror + ": " + images.size() + " present, 0 missing");
    digests.forEach(
        (destination, digest) ->
            assertThat(cli.out())
                .containsPattern(
                    "present +" + java.util.regex.Pattern.quote(destination) + " .*" + digest));
  }

  /**
   * Tekton's images are named only by its release manifests (some as controller arguments): the
   * check reads them from the manifests and asks the registry for each, by the release's digest.
   */
  @Test
  void checksTheImagesTheReleaseManifestsName() throws Exception {
    String mirror = registry.host + "/tekton";
    Path spec = spec(mirror, "    ci: {enabled: true}\n");
    Optional<MirrorScope> scope =
        MirrorScope.load(List.of(spec.toString()), new PrintWriter(new StringWriter()));
    ChartArchives charts =
        new ChartArchives(
            new ArchiveCache(dir.resolve("cache")), Optional.of(ChartMirror.folder().toString()));
    ReleaseImagesRead releases = ReleaseImagesRead.of(scope.orElseThrow().components(), charts);
    assertThat(releases.unread()).isEmpty();
    List<MirrorInventory.ImageEntry> inReleases =
        MirrorInventory.of(scope.get().components(), releases.images()).images().stream()
            .filter(i -> i.image().name().equals("release"))
            .toList();
    assertThat(inReleases)
        .extracting(i -> i.component())
        .contains("tekton-pipelines", "tekton-triggers", "tekton-chains");
    assertThat(inReleases)
        .extracting(i -> i.image().reference())
        .anySatisfy(r -> assertThat(r).contains("/cmd/entrypoint:"))
        .anySatisfy(r -> assertThat(r).contains("/cmd/eventlistenersink:"));
    Map<String, String> expected = new TreeMap<>();
    for (MirrorInventory.ImageEntry entry : images(spec)) {
      expected.put(entry.destination(Optional.of(mirror)), "present");
      push(entry, mirror);
    }
    MirrorInventory.ImageEntry left = inReleases.get(0);
    for (MirrorInventory.ImageEntry entry : inReleases.subList(1, inReleases.size())) {
      // the release pins digests no image built here has: pushed under its tag, another digest
      push(entry, mirror);
      expected.put(entry.destination(Optional.of(mirror)), "wrong digest");
    }
    expected.put(left.destination(Optional.of(mirror)), "missing");

    Cli cli =
        Cli.run(
            "mirror",
            "check",
            spec.toString(),
            "--registry",
            "http://" + mirror,
            "--charts",
            ChartMirror.folder().toString(),
            "-o",
            "json");

    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
    Map<String, String> reported = new TreeMap<>();
    JSON.readTree(cli.out())
        .path("images")
        .forEach(i -> reported.put(i.path("destination").asText(), i.path("state").asText()));
    assertThat(reported).isEqualTo(expected);
    assertThat(cli.err()).contains("missing: " + left.destination(Optional.of(mirror)));
  }

  @Test
  void aSpecWithoutAMirrorIsBadInput() throws Exception {
    Path spec = spec("mirror.corp", "");
    Files.writeString(spec, Files.readString(spec).replaceFirst("  mirror:\n.*\n", ""));
    assertThat(Files.readString(spec)).doesNotContain("mirror");
    Cli cli = Cli.run("mirror", "check", spec.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip())
        .isEqualTo(
            "bulwark mirror check: no mirror to check: set spec.mirror.registry in the spec, or"
                + " name it with --registry");
  }

  @Test
  void aRegistryThatCannotBeReachedIsOneLineWithoutAStackTrace() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path spec = spec("127.0.0.1:" + port + "/m", "");
    Cli cli = Cli.run("mirror", "check", spec.toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "bulwark mirror check: cannot reach the registry at https://127.0.0.1:" + port + ": ")
        .doesNotContain("Exception");
  }

  @Test
  void aBadRegistryOrCaFileIsBadInput() throws Exception {
    Path spec = spec("mirror.corp", "");
    Cli scheme = Cli.run("mirror", "check", spec.toString(), "--registry", "ftp://mirror.corp");
    assertThat(scheme.exitCode()).isEqualTo(2);
    assertThat(scheme.err())
        .contains("'ftp://mirror.corp': expected a registry host[:port][/path]");
    Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    Cli ca = Cli.run("mirror", "check", spec.toString(), "--ca-file", pem.toString());
    assertThat(ca.exitCode()).isEqualTo(2);
    assertThat(ca.err().lines()).singleElement().asString().contains(pem + ": ");
  }
}
