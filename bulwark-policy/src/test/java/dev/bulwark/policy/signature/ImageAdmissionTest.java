package dev.bulwark.policy.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.WebhookConfig.FailurePolicy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the image check that need no registry: references pinned by digest, the accepted
 * keys' files, and the failure policy when the registry cannot be reached.
 */
class ImageAdmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void aReferenceIsPinnedByDigestAndItsRegistryIsTheFirstComponentWhenItIsAHost() {
    ImageReference local = ImageReference.parse("127.0.0.1:5000/team/app:1.0@" + DIGEST);
    assertThat(local.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(local.repository()).isEqualTo("team/app");
    assertThat(local.digest()).isEqualTo(DIGEST);
    assertThat(local.cosignTag("sig")).isEqualTo("sha256-" + "ab".repeat(32) + ".sig");
    assertThat(ImageReference.parse("nginx@" + DIGEST).repository()).isEqualTo("library/nginx");
    assertThatThrownBy(() -> ImageReference.parse("harbor.example.com/team/app:1.0"))
        .hasMessageContaining("harbor.example.com/team/app:1.0")
        .hasMessageContaining("not pinned by digest");
  }

  @Test
  void keysAreEveryPubFileAndAFileThatIsNoKeyIsNamed() throws Exception {
    Files.writeString(dir.resolve("current.pub"), pem());
    Files.writeString(dir.resolve("next.pub"), pem());
    Files.writeString(dir.resolve("README"), "not a key");
    SigningKeys keys = SigningKeys.fromDirectory(dir);
    assertThat(keys.names()).containsExactly("current.pub", "next.pub");
    Files.writeString(dir.resolve("broken.pub"), "-----BEGIN CERTIFICATE-----\n");
    assertThatThrownBy(() -> SigningKeys.fromDirectory(dir))
        .hasMessageContaining("broken.pub")
        .hasMessageContaining("PUBLIC KEY");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> SigningKeys.fromDirectory(empty)).hasMessageContaining("no *.pub");
  }

  @Test
  void anUnreachableRegistryIsRefusedFailClosedAndWarnedFailOpen() throws Exception {
    Files.writeString(dir.resolve("platform.pub"), pem());
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String image = "127.0.0.1:" + closed + "/app@" + DIGEST;
    JsonNode refused = decide(FailurePolicy.FAIL, image).review().path("response");
    assertThat(refused.path("allowed").asBoolean()).isFalse();
    assertThat(refused.path("status").path("message").asText())
        .contains("image " + image, "signature could not be checked");
    JsonNode warned = decide(FailurePolicy.IGNORE, image).review().path("response");
    assertThat(warned.path("allowed").asBoolean()).isTrue();
    assertThat(warned.path("warnings").get(0).asText()).contains(image, "could not be checked");
  }

  @Test
  void aTagIsRefusedWithoutAskingTheRegistryAndMissingKeysFollowTheFailurePolicy()
      throws Exception {
    String tagged = "127.0.0.1:1/app:1.0";
    JsonNode tag = decide(FailurePolicy.IGNORE, tagged).review().path("response");
    assertThat(tag.path("allowed").asBoolean()).isFalse();
    assertThat(tag.path("status").path("message").asText())
        .contains("image " + tagged + ": not pinned by digest");
    // no *.pub in dir: the keys cannot be read, so fail-closed refuses
    JsonNode noKeys =
        decide(FailurePolicy.FAIL, "127.0.0.1:1/app@" + DIGEST).review().path("response");
    assertThat(noKeys.path("allowed").asBoolean()).isFalse();
    assertThat(noKeys.path("status").path("message").asText()).contains("no *.pub");
  }

  @Test
  void aBodyThatIsNoAdmissionReviewIsABadRequest() {
    AdmissionHandler.Answer answer =
        admission(FailurePolicy.FAIL).answer("{}".getBytes(StandardCharsets.UTF_8), JSON);
    assertThat(answer.decision()).isNull();
    assertThat(answer.badRequest()).contains("request.uid");
  }

  private ImageAdmission admission(FailurePolicy policy) {
    return new ImageAdmission(
        new CosignVerifier(new RegistryClient(Duration.ofSeconds(2))),
        SigningKeys.reader(dir),
        policy,
        false,
        8);
  }

  private AdmissionHandler.Decision decide(FailurePolicy policy, String image) throws Exception {
    String review =
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u-1", "namespace": "team-a-dev", "operation": "CREATE",
           "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
             "spec": {"containers": [{"name": "app", "image": "%s"}]}}}}"""
            .formatted(image);
    return admission(policy).answer(review.getBytes(StandardCharsets.UTF_8), JSON).decision();
  }

  private static String pem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
