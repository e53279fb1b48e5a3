package dev.bulwark.policy.signature;

import static org.assertj.core.api.Assertions.assertThat;
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
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.OciRegistry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission on a real API server with Bulwark's webhook registered for Pods in the namespaces that
 * require signatures: images pushed to a real OCI registry and signed with cosign pass, unsigned
 * and tampered ones are refused with a message naming the image and the reason, and namespaces the
 * webhook does not bind admit them all (ADR 0040).
 */
@RealApiServer
class ImageSignatureAdmissionTest {

  static final String LABEL = "bulwark.dev/require-signature";
  static final String SIGNED_ONLY = "sig-signed-only";
  static final String GATED = "sig-gated";
  static final String FREE = "sig-unbound";
  static final String CONFIG = "bulwark-image-signatures-test";

  @TempDir static Path dir;
  static OciRegistry registry;
  static WebhookServer webhook;
  static String signed;
  static String blocked;
  static String unsigned;
  static String otherKey;
  static String otherDigest;

  @BeforeAll
  static void setUp(KubernetesClient admin) throws Exception {
    registry = OciRegistry.start(dir);
    Path platformKey = registry.keyPair("platform");
    Path strangerKey = registry.keyPair("stranger");
    signed = registry.push("signed", "signed and passed");
    blocked = registry.push("blocked", "signed but blocked by the gate");
    unsigned = registry.push("unsigned", "never signed");
    otherKey = registry.push("other-key", "signed with a key that is not the platform's");
    otherDigest = registry.push("other-digest", "carries the signature of another digest");
    registry.sign(platformKey, signed);
    registry.attest(platformKey, signed, CosignVerifier.GATE_PREDICATE_TYPE, gate("pass", signed));
    registry.sign(platformKey, blocked);
    registry.attest(
        platformKey, blocked, CosignVerifier.GATE_PREDICATE_TYPE, gate("block", blocked));
    registry.sign(strangerKey, otherKey);
    // the signature of `signed` copied to the tag where `other-digest`'s would be
    registry.copyTag(
        ImageReference.parse(signed).cosignTag("sig"),
        ImageReference.parse(otherDigest).cosignTag("sig"));
    Path keys = Files.createDirectories(dir.resolve("accepted"));
    Files.copy(platformKey.resolve("cosign.pub"), keys.resolve("platform.pub"));
    webhook = startWebhook(keys);
    register(admin);
  }

  private static String gate(String decision, String image) {
    return "{\"decision\": \""
        + decision
        + "\", \"imageDigest\": \""
        + ImageReference.parse(image).digest()
        + "\"}";
  }

  private static WebhookServer startWebhook(Path keys) throws Exception {
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

  private static void register(KubernetesClient admin) throws Exception {
    String ca =
        Base64.getEncoder()
            .encodeToString(
                Files.readString(dir.resolve("tls.crt")).getBytes(StandardCharsets.UTF_8));
    admin
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(CONFIG)
                .endMetadata()
                .withWebhooks(
                    binding(ImageAdmission.PATH, "signature", ca),
                    binding(ImageAdmission.GATED_PATH, "gate", ca))
                .build())
        .serverSideApply();
    namespace(admin, SIGNED_ONLY, "signature");
    namespace(admin, GATED, "gate");
    namespace(admin, FREE, null);
    // the API server picks a new webhook configuration up asynchronously
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        admin.pods().inNamespace(SIGNED_ONLY).resource(pod("probe", unsigned)).dryRun().create();
      } catch (KubernetesClientException refused) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the webhook did not start refusing within 30 s");
  }

  private static ValidatingWebhook binding(String path, String labelValue, String ca) {
    return new ValidatingWebhookBuilder()
        .withName(labelValue + ".images.bulwark.dev")
        .withNewClientConfig()
        .withUrl("https://127.0.0.1:" + webhook.port() + path)
        .withCaBundle(ca)
        .endClientConfig()
        .addNewRule()
        .withApiGroups("")
        .withApiVersions("v1")
        .withOperations("CREATE", "UPDATE")
        .withResources("pods")
        .withScope("Namespaced")
        .endRule()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of(LABEL, labelValue))
        .endNamespaceSelector()
        .withFailurePolicy("Fail")
        .withSideEffects("None")
        .withTimeoutSeconds(10)
        .withAdmissionReviewVersions("v1")
        .build();
  }

  private static void namespace(KubernetesClient admin, String name, String requirement) {
    var builder = new NamespaceBuilder().withNewMetadata().withName(name);
    if (requirement != null) {
      builder.addToLabels(LABEL, requirement);
    }
    admin.namespaces().resource(builder.endMetadata().build()).serverSideApply();
    admin
        .serviceAccounts()
        .inNamespace(name)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("default").endMetadata().build())
        .serverSideApply();
  }

  private static Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod create(KubernetesClient admin, String namespace, String name, String image) {
    return admin.pods().inNamespace(namespace).resource(pod(name, image)).create();
  }

  private static void assertRefused(
      KubernetesClient admin, String namespace, String name, String image, String reason) {
    assertThatThrownBy(() -> create(admin, namespace, name, image))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("image " + image)
        .hasMessageContaining(reason);
  }

  @Test
  void aSignedImagePassesAndUnsignedOrTamperedOnesAreRefusedInABoundNamespace(
      KubernetesClient admin) {
    assertThat(create(admin, SIGNED_ONLY, "signed", signed).getMetadata().getUid()).isNotBlank();
    assertThat(create(admin, SIGNED_ONLY, "blocked", blocked).getMetadata().getUid())
        .as("without the gate requirement a signed image passes whatever its gate said")
        .isNotBlank();
    assertRefused(admin, SIGNED_ONLY, "unsigned", unsigned, "no cosign signature");
    assertRefused(admin, SIGNED_ONLY, "other-key", otherKey, "not signed by the platform's key");
    assertRefused(admin, SIGNED_ONLY, "other-digest", otherDigest, "is for another digest");
    String tag = registry.host + "/app:signed";
    assertRefused(admin, SIGNED_ONLY, "tag", tag, "not pinned by digest");
  }

  @Test
  void whereTheGateIsRequiredItsAttestationMustSayPass(KubernetesClient admin) {
    assertThat(create(admin, GATED, "signed", signed).getMetadata().getUid()).isNotBlank();
    assertRefused(admin, GATED, "blocked", blocked, "the gate decision attestation says block");
    assertRefused(admin, GATED, "unsigned", unsigned, "no cosign signature");
  }

  @Test
  void anUnboundNamespaceAdmitsEveryImage(KubernetesClient admin) {
    for (String image : new String[] {signed, unsigned, otherKey, otherDigest}) {
      String name = "pod-" + Integer.toHexString(image.hashCode() & 0xfffffff);
      assertThat(create(admin, FREE, name, image).getMetadata().getUid()).isNotBlank();
    }
  }

  @AfterAll
  static void tearDown(KubernetesClient admin) {
    admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(CONFIG).delete();
    for (String ns : new String[] {SIGNED_ONLY, GATED, FREE}) {
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
