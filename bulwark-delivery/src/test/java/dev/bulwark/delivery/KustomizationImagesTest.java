package dev.bulwark.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KustomizationImagesTest {

  private static final Digest A = Digest.of("sha256:" + "a".repeat(64));
  private static final Digest B = Digest.of("sha256:" + "b".repeat(64));

  private static final String TREE =
      """
      # Rendered by Bulwark. Do not edit: change the spec and run bulwark plan.
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      resources:
      - deployment-api.yaml
      images:
      - name: registry.example.com/acme/api
        digest: %s
      - name: "registry.example.com/acme/web"   # the front end
        newTag: "1.4"
      - name: registry.example.com/acme/worker
      namespace: acme-dev
      """
          .formatted(A);

  @Test
  void findsTheDigestOrTheTagOfTheNamedEntryOnly() {
    assertThat(KustomizationImages.find(TREE, "registry.example.com/acme/api"))
        .contains(new ImagePin("registry.example.com/acme/api", Optional.of(A), Optional.empty()));
    assertThat(KustomizationImages.find(TREE, "registry.example.com/acme/web"))
        .contains(
            new ImagePin("registry.example.com/acme/web", Optional.empty(), Optional.of("1.4")));
    assertThat(KustomizationImages.find(TREE, "registry.example.com/acme")).isEmpty();
    assertThat(KustomizationImages.find("resources: []\n", "registry.example.com/acme/api"))
        .isEmpty();
  }

  @Test
  void pinningChangesExactlyOneLineAndKeepsEveryOtherByte() {
    String pinned = KustomizationImages.pin(TREE, "registry.example.com/acme/api", B, "k.yaml");
    assertThat(changedLines(TREE, pinned)).containsExactly("  digest: " + B);

    String fromTag = KustomizationImages.pin(TREE, "registry.example.com/acme/web", B, "k.yaml");
    assertThat(changedLines(TREE, fromTag)).containsExactly("  digest: " + B);
    assertThat(KustomizationImages.find(fromTag, "registry.example.com/acme/web").orElseThrow())
        .isEqualTo(new ImagePin("registry.example.com/acme/web", Optional.of(B), Optional.empty()));
    assertThat(
            KustomizationImages.find(fromTag, "registry.example.com/acme/api")
                .orElseThrow()
                .digest())
        .contains(A);
  }

  @Test
  void anEntryWithoutDigestOrTagGetsADigestLineAfterItsName() {
    String pinned = KustomizationImages.pin(TREE, "registry.example.com/acme/worker", B, "k.yaml");
    assertThat(pinned.lines().toList())
        .containsSubsequence(
            "- name: registry.example.com/acme/worker", "  digest: " + B, "namespace: acme-dev");
    assertThat(pinned.lines().count()).isEqualTo(TREE.lines().count() + 1);
  }

  @Test
  void indentedListsAreEditedAtTheirOwnIndentation() {
    String text = "images:\n  - name: r/app\n    newTag: v1\nresources: []\n";
    assertThat(KustomizationImages.pin(text, "r/app", A, "k.yaml"))
        .isEqualTo("images:\n  - name: r/app\n    digest: " + A + "\nresources: []\n");
  }

  @Test
  void aMissingEntryIsRefusedNamingTheFileAndTheImage() {
    assertThatThrownBy(
            () ->
                KustomizationImages.pin(
                    TREE, "registry.example.com/other", A, "tenants/acme/dev/kustomization.yaml"))
        .isInstanceOf(PromotionRefused.class)
        .hasMessageContaining(
            "tenants/acme/dev/kustomization.yaml has no images: entry named registry.example.com/other");
  }

  @Test
  void aDigestHasOneShape() {
    assertThatThrownBy(() -> Digest.of("sha256:abc"))
        .hasMessageContaining(
            "expected an image digest sha256:<64 lowercase hex digits>, found `sha256:abc`");
    assertThat(A.shortForm()).isEqualTo("aaaaaaaaaaaa");
  }

  private static List<String> changedLines(String before, String after) {
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    assertThat(now).hasSameSizeAs(old);
    return java.util.stream.IntStream.range(0, old.size())
        .filter(i -> !old.get(i).equals(now.get(i)))
        .mapToObj(now::get)
        .toList();
  }
}
