package dev.bulwark.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How each registry answer is read, for the answers crane's registry never gives (a login it wants,
 * a server error); {@link MirrorCheckCommandTest} has the rest against a real registry.
 */
class MirrorCheckTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private final List<String> asked = new ArrayList<>();

  /** A registry that answers {@code status} to every HEAD, and records what it was asked. */
  private MirrorCheck.Manifests answering(Map<String, Integer> byReference, int otherwise) {
    return (name, reference) -> {
      asked.add(name + " " + reference);
      return new MirrorCheck.Answer(
          byReference.getOrDefault(reference, otherwise), Optional.of("sha256:" + "b".repeat(64)));
    };
  }

  private static MirrorInventory.ImageEntry entry(String tag) {
    return new MirrorInventory.ImageEntry(
        "cert-manager", new Image("controller", "quay.io/jetstack/cert-manager-controller", tag));
  }

  @Test
  void aLoginTheRegistryWantsIsUnreachableAndSaysHowToLogIn() throws Exception {
    MirrorCheck.Finding finding =
        new MirrorCheck("mirror.corp:5000/m").check(entry("v1.21.1"), answering(Map.of(), 401));
    assertThat(finding.state()).isEqualTo(MirrorCheck.State.UNREACHABLE);
    assertThat(finding.detail())
        .startsWith("HTTP 401: not allowed to pull it")
        .contains("docker login");
    assertThat(asked).containsExactly("m/jetstack/cert-manager-controller v1.21.1");
  }

  @Test
  void aServerErrorIsUnreachableWithItsStatus() throws Exception {
    MirrorCheck.Finding finding =
        new MirrorCheck("mirror.corp").check(entry("v1.21.1@" + DIGEST), answering(Map.of(), 503));
    assertThat(finding.state()).isEqualTo(MirrorCheck.State.UNREACHABLE);
    assertThat(finding.detail()).isEqualTo("HTTP 503");
    assertThat(asked).containsExactly("jetstack/cert-manager-controller " + DIGEST);
  }

  @Test
  void aPinnedDigestIsAskedForByDigestAndItsTagOnlyWhenItIsAbsent() throws Exception {
    MirrorCheck check = new MirrorCheck("mirror.corp");
    assertThat(check.check(entry("v1.21.1@" + DIGEST), answering(Map.of(DIGEST, 200), 404)).state())
        .isEqualTo(MirrorCheck.State.PRESENT);
    assertThat(asked).hasSize(1);
    MirrorCheck.Finding absent = check.check(entry("v1.21.1@" + DIGEST), answering(Map.of(), 404));
    assertThat(absent.state()).isEqualTo(MirrorCheck.State.MISSING);
    assertThat(absent.copyLine())
        .isEqualTo(
            "quay.io/jetstack/cert-manager-controller:v1.21.1@"
                + DIGEST
                + " mirror.corp/jetstack/cert-manager-controller:v1.21.1@"
                + DIGEST);
    assertThat(asked).endsWith("jetstack/cert-manager-controller v1.21.1");
  }
}
