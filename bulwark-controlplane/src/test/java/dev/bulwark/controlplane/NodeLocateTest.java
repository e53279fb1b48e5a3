package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node needs on a host, and how each missing part is named; starting one is RealNodeTest's.
 */
class NodeLocateTest {

  @TempDir Path repo;
  @TempDir Path bins;
  @TempDir Path images;

  @Test
  void everyMissingPartIsNamedWithHowToGetIt() {
    var located = Node.locate(plane(), images.resolve("images.env"), false, false);

    assertThat(located.value()).isEmpty();
    assertThat(located.reason())
        .contains("tools/node.sh")
        .contains("needs root")
        .contains("apt-get install containerd")
        .contains("kubelet not in " + bins, "coredns not in " + bins)
        .contains("tools/build-k8s-binaries.sh")
        .contains("tools/build-images.sh");
  }

  @Test
  void aCompleteHostGivesTheImagesByKey() throws IOException {
    Files.createDirectories(repo.resolve("tools"));
    Files.writeString(repo.resolve("tools/node.sh"), "#!/bin/sh\n");
    for (String binary : new String[] {"kubelet", "kube-proxy", "kube-scheduler", "coredns"}) {
      Path file = Files.writeString(bins.resolve(binary), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(
        images.resolve("images.env"),
        """
        PAUSE_IMAGE=bulwark.local/pause:3.10@sha256:aa
        PAUSE_ARCHIVE=/images/pause.tar
        PROBE_IMAGE=bulwark.local/probe:1.0@sha256:bb
        """);

    var located = Node.locate(plane(), images.resolve("images.env"), true, true);

    assertThat(located.reason()).isEmpty();
    assertThat(located.value().orElseThrow().images())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "PAUSE", "bulwark.local/pause:3.10@sha256:aa",
                "PROBE", "bulwark.local/probe:1.0@sha256:bb"));
  }

  @Test
  void imagesWithoutThePauseImageAreIncomplete() throws IOException {
    Files.writeString(
        images.resolve("images.env"), "PROBE_IMAGE=bulwark.local/probe:1.0@sha256:bb\n");

    var located = Node.locate(plane(), images.resolve("images.env"), true, true);

    assertThat(located.reason()).contains("no images in " + images.resolve("images.env"));
  }

  private ControlPlane.Setup plane() {
    return new ControlPlane.Setup(repo, repo.resolve("tools/control-plane.sh"), bins);
  }
}
