package dev.bulwark.catalog.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Images found in a release manifest where a release names them (an {@code image} field, a
 * controller argument, a ConfigMap value), and the manifest pointed at a mirror with nothing else
 * changed.
 */
class ReleaseImagesTest {

  private static final String DIGEST_A = "sha256:" + "a1".repeat(32);
  private static final String DIGEST_B = "sha256:" + "b2".repeat(32);

  /** A release's shape: images as fields, as separate and as {@code -flag=value} arguments. */
  private static final String MANIFEST =
      """
      # the controller of example.dev/ci, resolved at release time
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: controller, namespace: ci}
      spec:
        template:
          spec:
            containers:
            - name: controller
              image: registry.example.org/ci/cmd/controller:v1.2.3@%1$s
              args: [
                "-step-image", "registry.example.org/ci/cmd/step:v1.2.3@%2$s",
                "-shell-image=cgr.example.dev/tools/busybox@%2$s",
                "-module", "github.com/example/ci/cmd/controller",
                "-home", "/home/nonroot"
              ]
            - name: proxy
              image: "proxy:1.27"
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: defaults, namespace: ci}
      data:
        sink-image: localhost:5000/ci/sink@%1$s
        docs: https://example.dev/ci/docs
      """
          .formatted(DIGEST_A, DIGEST_B);

  @Test
  void findsImageFieldsAndDigestPinnedReferencesAnywhere() {
    assertThat(ReleaseImages.find(MANIFEST))
        .containsExactly(
            "registry.example.org/ci/cmd/controller:v1.2.3@" + DIGEST_A,
            "registry.example.org/ci/cmd/step:v1.2.3@" + DIGEST_B,
            "cgr.example.dev/tools/busybox@" + DIGEST_B,
            "proxy:1.27",
            "localhost:5000/ci/sink@" + DIGEST_A);
  }

  @Test
  void aHostedNameWithoutDigestOutsideAnImageFieldIsNotAnImage() {
    // a Go import path or a URL looks like a hosted image name; a release pins images by digest
    assertThat(ReleaseImages.find("data: {module: github.com/example/ci/cmd/controller}"))
        .isEmpty();
  }

  @Test
  void theRewriteReplacesEachReferenceWhereItStandsAndNothingElse() {
    String rewritten = ReleaseImages.rewrite(MANIFEST, "mirror.corp:5443/platform");

    assertThat(ReleaseImages.find(rewritten))
        .containsExactly(
            "mirror.corp:5443/platform/ci/cmd/controller:v1.2.3@" + DIGEST_A,
            "mirror.corp:5443/platform/ci/cmd/step:v1.2.3@" + DIGEST_B,
            "mirror.corp:5443/platform/tools/busybox@" + DIGEST_B,
            "mirror.corp:5443/platform/library/proxy:1.27",
            "mirror.corp:5443/platform/ci/sink@" + DIGEST_A);
    // comments, the import path, the URL and the layout are the release's own
    assertThat(rewritten.lines().count()).isEqualTo(MANIFEST.lines().count());
    assertThat(rewritten)
        .contains(
            "# the controller of example.dev/ci, resolved at release time",
            "\"-module\", \"github.com/example/ci/cmd/controller\"",
            "docs: https://example.dev/ci/docs",
            "\"-shell-image=mirror.corp:5443/platform/tools/busybox@" + DIGEST_B + "\"");
  }

  @Test
  void rewritingAManifestTwiceForOneMirrorChangesNothingMore() {
    String once = ReleaseImages.rewrite(MANIFEST, "mirror.corp/platform");
    assertThat(ReleaseImages.rewrite(once, "mirror.corp/platform")).isEqualTo(once);
  }

  @Test
  void aReferenceThatIsPartOfALongerOneIsLeftToItsOwn() {
    String manifest =
        """
        a: {image: "proxy:1.2"}
        b: {image: "proxy:1.2.3"}
        """;
    assertThat(ReleaseImages.rewrite(manifest, "m.corp"))
        .contains("\"m.corp/library/proxy:1.2\"", "\"m.corp/library/proxy:1.2.3\"")
        .doesNotContain("m.corp/library/proxy:1.2.3.3", "m.corp/m.corp");
  }

  @Test
  void theMirroredReferenceKeepsThePathBelowTheHostTheTagAndTheDigest() {
    assertThat(ReleaseImages.mirrored("ghcr.io/org/app:v1@" + DIGEST_A, "m.corp/x"))
        .isEqualTo("m.corp/x/org/app:v1@" + DIGEST_A);
    assertThat(ReleaseImages.mirrored("busybox", "m.corp")).isEqualTo("m.corp/library/busybox");
    assertThat(ReleaseImages.mirrored("localhost:5000/a/b@" + DIGEST_B, "m.corp"))
        .isEqualTo("m.corp/a/b@" + DIGEST_B);
    // a reference already in the mirror (an export's manifest) is its own copy
    assertThat(ReleaseImages.mirrored("m.corp/x/org/app:v1@" + DIGEST_A, "m.corp/x"))
        .isEqualTo("m.corp/x/org/app:v1@" + DIGEST_A);
  }

  @Test
  void aReferenceWrittenOtherwiseThanItReadsIsAnErrorNotAHalfRewrite() {
    // YAML reads "\x2F" as "/": the reference is in the document, its text is not in the file
    String manifest =
        "a: {image: \"registry.example.org/ci/one:v1\"}\n"
            + "b: {image: \"registry.example.org\\x2Fci/two:v1\"}\n";
    assertThat(ReleaseImages.find(manifest))
        .containsExactly("registry.example.org/ci/one:v1", "registry.example.org/ci/two:v1");
    assertThatThrownBy(() -> ReleaseImages.rewrite(manifest, "m.corp"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot point [registry.example.org/ci/two:v1] at the mirror m.corp: not written as a"
                + " plain value");
  }

  @Test
  void aManifestThatIsNotYamlIsAClearError() {
    assertThatThrownBy(() -> ReleaseImages.find("a: [unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the release manifest is not YAML");
  }
}
