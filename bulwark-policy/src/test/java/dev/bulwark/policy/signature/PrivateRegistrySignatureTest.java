package dev.bulwark.policy.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.registry.RegistryLogins;
import dev.bulwark.testkit.engines.OciRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures read from a private registry: the Distribution registry on 127.0.0.1 with an htpasswd
 * user, an image pushed and signed by cosign with that login. The webhook's reads use the login of
 * its Docker config ({@code --registry-config}); without it, or with a wrong password, the read
 * fails as unreachable (the binding's failure policy decides), and never as "not signed".
 */
class PrivateRegistrySignatureTest {

  private static final String USER = "signature-reader";
  private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

  @TempDir static Path work;

  private static OciRegistry registry;
  private static SigningKeys keys;
  private static ImageReference signed;
  private static ImageReference unsigned;

  @BeforeAll
  static void pushAndSign() throws Exception {
    registry = OciRegistry.startWithLogin(work, USER, PASSWORD);
    Path pair = registry.keyPair("platform");
    keys = SigningKeys.fromDirectory(pair);
    String image = registry.push("v1", "signed content");
    registry.sign(pair, image);
    signed = ImageReference.parse(image);
    unsigned = ImageReference.parse(registry.push("v2", "unsigned content"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static CosignVerifier verifier(RegistryLogins logins) {
    return new CosignVerifier(new RegistryClient(Duration.ofSeconds(10), logins));
  }

  @Test
  void withTheLoginASignedImageIsAcceptedAndAnUnsignedOneRefused() throws IOException {
    CosignVerifier withLogin = verifier(RegistryLogins.dockerConfig(registry.dockerConfig()));

    assertThat(withLogin.verify(signed, keys, false).accepted()).isTrue();
    Verdict refused = withLogin.verify(unsigned, keys, false);
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.reason()).startsWith("no cosign signature");
  }

  @Test
  void withoutTheLoginOrWithAWrongOneTheRegistryCannotBeRead() throws Exception {
    Path wrong =
        Files.writeString(
            work.resolve("wrong.json"),
            "{\"auths\": {\""
                + registry.host
                + "\": {\"username\": \""
                + USER
                + "\", \"password\": \"not-"
                + PASSWORD
                + "\"}}}\n");

    for (RegistryLogins logins :
        new RegistryLogins[] {RegistryLogins.NONE, RegistryLogins.dockerConfig(wrong)}) {
      assertThatThrownBy(() -> verifier(logins).verify(signed, keys, false))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(registry.host + "/app")
          .hasMessageContaining("answered HTTP 401")
          .hasMessageNotContaining(PASSWORD);
    }
  }
}
