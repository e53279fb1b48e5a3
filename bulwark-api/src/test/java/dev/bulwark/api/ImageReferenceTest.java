package dev.bulwark.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "harbor.example.com/shop/web, harbor.example.com/shop/web, -, -",
        "harbor.example.com/shop/web:1.2, harbor.example.com/shop/web, 1.2, -",
        "registry.local:5000/web, registry.local:5000/web, -, -",
        "registry.local:5000/web:v2, registry.local:5000/web, v2, -",
        "nginx:1.27, nginx, 1.27, -",
        "harbor.example.com/shop/web@" + DIGEST + ", harbor.example.com/shop/web, -, " + DIGEST,
        "harbor.example.com/shop/web:1.2@"
            + DIGEST
            + ", harbor.example.com/shop/web, 1.2, "
            + DIGEST
      })
  void splitsRepositoryTagAndDigest(String text, String repository, String tag, String digest) {
    ImageReference image = ImageReference.parse(text).orElseThrow();
    assertThat(image).isEqualTo(new ImageReference(repository, tag, digest));
    assertThat(image.toString()).as("round trip").isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Harbor/web",
        "web:",
        "web@sha256:abc",
        "web@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "/web",
        "web:bad tag"
      })
  void refusesWhatIsNoImageReference(String text) {
    assertThat(ImageReference.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256:abc", "SHA256:" + "a", "0123456789abcdef"})
  void aDigestIsSha256AndSixtyFourHexDigits(String text) {
    assertThat(ImageReference.isDigest(text)).isFalse();
    assertThat(ImageReference.isDigest(DIGEST)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"harbor.example.com/shop/web:1.2"})
  void pinningDropsTheTag(String text) {
    assertThat(ImageReference.parse(text).orElseThrow().withDigest(DIGEST).toString())
        .isEqualTo("harbor.example.com/shop/web@" + DIGEST);
  }
}
