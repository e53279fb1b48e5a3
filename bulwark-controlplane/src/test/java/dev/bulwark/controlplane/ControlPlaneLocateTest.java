package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the script and the binaries; starting a control plane is covered by every real-API-server
 * test.
 */
class ControlPlaneLocateTest {

  @TempDir Path repo;
  @TempDir Path home;

  @Test
  void aFolderWithoutTheScriptIsNotACheckout() {
    var located = ControlPlane.locate(repo, Optional.empty(), home);

    assertThat(located.value()).isEmpty();
    assertThat(located.reason())
        .contains("tools/control-plane.sh")
        .contains("not a Bulwark checkout");
  }

  @Test
  void withoutTheGoModuleTheKubernetesVersionIsUnknown() throws IOException {
    writeScript();

    var located = ControlPlane.locate(repo, Optional.empty(), home);

    assertThat(located.value()).isEmpty();
    assertThat(located.reason()).contains("Kubernetes version").contains("tools/k8s/go.mod");
  }

  @Test
  void missingBinariesAreNamedWithTheCommandThatBuildsThem() throws IOException {
    writeCheckout("1.37.2");
    Path bins = Files.createDirectories(home.resolve(".cache/bulwark/k8s-bins/1.37.2"));
    executable(bins.resolve("etcd"));
    executable(bins.resolve("kubectl"));

    var located = ControlPlane.locate(repo, Optional.empty(), home);

    assertThat(located.value()).isEmpty();
    assertThat(located.reason())
        .contains("Kubernetes 1.37.2")
        .contains("[kube-apiserver, kube-controller-manager]")
        .contains(bins.toString())
        .contains("tools/build-k8s-binaries.sh");
  }

  @Test
  void aConfiguredBinariesFolderWinsOverTheCache() throws IOException {
    writeCheckout("1.37.2");
    Path bins = Files.createDirectories(home.resolve("elsewhere"));
    for (String binary : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl")) {
      executable(bins.resolve(binary));
    }

    var located = ControlPlane.locate(repo, Optional.of(bins), home);

    assertThat(located.reason()).isEmpty();
    assertThat(located.value())
        .hasValueSatisfying(
            setup -> {
              assertThat(setup.binaries()).isEqualTo(bins);
              assertThat(setup.script()).isEqualTo(repo.resolve("tools/control-plane.sh"));
            });
  }

  @Test
  void aFileThatIsNotExecutableIsNotABinary() throws IOException {
    writeCheckout("1.37.2");
    Path bins = Files.createDirectories(home.resolve("bins"));
    for (String binary : List.of("etcd", "kube-apiserver", "kube-controller-manager")) {
      executable(bins.resolve(binary));
    }
    Files.writeString(bins.resolve("kubectl"), "");

    var located = ControlPlane.locate(repo, Optional.of(bins), home);

    assertThat(located.value()).isEmpty();
    assertThat(located.reason()).contains("[kubectl]");
  }

  private void writeCheckout(String kubernetesVersion) throws IOException {
    writeScript();
    Path goMod = Files.createDirectories(repo.resolve("tools/k8s")).resolve("go.mod");
    Files.writeString(
        goMod, "module example/k8s\n\nrequire k8s.io/kubernetes v" + kubernetesVersion + "\n");
  }

  private void writeScript() throws IOException {
    Files.createDirectories(repo.resolve("tools"));
    Files.writeString(repo.resolve("tools/control-plane.sh"), "#!/usr/bin/env bash\n");
  }

  private static void executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
