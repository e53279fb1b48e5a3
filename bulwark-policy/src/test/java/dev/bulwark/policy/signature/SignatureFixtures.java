package dev.bulwark.policy.signature;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.policy.webhook.AdmissionHandler;
import dev.bulwark.policy.webhook.NamespaceLookup;
import dev.bulwark.policy.webhook.TestCertificates;
import dev.bulwark.policy.webhook.TlsContexts;
import dev.bulwark.policy.webhook.WebhookConfig;
import dev.bulwark.policy.webhook.WebhookConfig.FailurePolicy;
import dev.bulwark.policy.webhook.WebhookServer;
import dev.bulwark.testkit.engines.OciRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the signature admission tests on a real API server share: the webhook, gate, clean-up. */
final class SignatureFixtures {

  private SignatureFixtures() {}

  /** The gate predicate of {@code bulwark gate --format json} for {@code image}. */
  static String gate(String decision, String image) {
    return "{\"decision\": \""
        + decision
        + "\", \"imageDigest\": \""
        + ImageReference.parse(image).digest()
        + "\"}";
  }

  /**
   * The policy webhook with both image checks on 127.0.0.1, its certificate ({@code tls.crt}) in
   * {@code dir}, accepting the keys of {@code keys}.
   */
  static WebhookServer startWebhook(Path dir, Path keys) throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    WebhookConfig config = certs.loopback(FailurePolicy.FAIL, Duration.ofSeconds(1));
    PolicyEngine engine =
        PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
    AdmissionHandler policies =
        new AdmissionHandler(
            engine,
            NamespaceLookup.fixed("restricted", "latest"),
            ExemptionFile.NONE,
            "bulwark-system",
            FailurePolicy.FAIL,
            Clock.systemUTC());
    return ImageAdmission.serve(
            new WebhookServer(policies, config), keys, FailurePolicy.FAIL, Duration.ofSeconds(5))
        .start(TlsContexts.server(config.certificate(), config.privateKey()));
  }

  /** That creating the Pod is refused, naming the image and the reason. */
  static void assertRefused(ThrowingCallable create, String image, String reason) {
    assertThatThrownBy(create)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("image " + image)
        .hasMessageContaining(reason);
  }

  /** Removes the webhook configuration and the namespaces, and stops the webhook and registry. */
  static void tearDown(
      KubernetesClient admin,
      String config,
      String[] namespaces,
      WebhookServer webhook,
      OciRegistry registry) {
    admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(config).delete();
    for (String ns : namespaces) {
      admin.namespaces().withName(ns).delete();
    }
    if (webhook != null) {
      webhook.close();
    }
    if (registry != null) {
      registry.close();
    }
  }
}
