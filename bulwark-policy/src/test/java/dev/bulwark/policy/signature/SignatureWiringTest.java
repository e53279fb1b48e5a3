package dev.bulwark.policy.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.policy.webhook.WebhookServer;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.tenancy.TenancyUnit;
import dev.bulwark.testkit.SpecObjects;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.OciRegistry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered wiring of the image signature check, end to end on a real API server (ADR 0040): the
 * namespaces as the tenancy render labels them from the applications' {@code
 * security.requireSignature}, and the chart's own webhook entries, re-pointed from the in-cluster
 * Service at a webhook this test runs; images in a real OCI registry, signed by cosign.
 */
@RealApiServer
class SignatureWiringTest {

  /** shop's web is built by the pipeline and asks for signatures in prod only. */
  static final String GATED = "wiring-shop-prod";

  static final String UNBOUND = "wiring-shop-dev";

  /** ext's application is built outside and asks for signatures everywhere. */
  static final String SIGNED_ONLY = "wiring-ext-live";

  static final String CONFIG = "bulwark-signature-wiring-test";

  @TempDir static Path dir;
  static OciRegistry registry;
  static WebhookServer webhook;
  static String passed;
  static String blocked;
  static String unsigned;

  @BeforeAll
  static void setUp(KubernetesClient admin) throws Exception {
    List<ValidatingWebhook> entries = chartsImageEntries();
    registry = OciRegistry.start(dir);
    Path key = registry.keyPair("platform");
    passed = registry.push("passed", "signed, the gate said pass");
    blocked = registry.push("blocked", "signed, the gate said block");
    unsigned = registry.push("unsigned", "never signed");
    registry.sign(key, passed);
    registry.attest(
        key, passed, CosignVerifier.GATE_PREDICATE_TYPE, SignatureFixtures.gate("pass", passed));
    registry.sign(key, blocked);
    registry.attest(
        key, blocked, CosignVerifier.GATE_PREDICATE_TYPE, SignatureFixtures.gate("block", blocked));
    // the file name the OpenBao entry gives it in the mounted Secret
    Path keys = Files.createDirectories(dir.resolve("signing-keys"));
    Files.copy(key.resolve("cosign.pub"), keys.resolve("current.pub"));
    webhook = SignatureFixtures.startWebhook(dir, keys);
    for (Namespace namespace : renderedNamespaces()) {
      admin.resource(namespace).forceConflicts().serverSideApply();
      admin
          .serviceAccounts()
          .inNamespace(namespace.getMetadata().getName())
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName("default")
                  .endMetadata()
                  .build())
          .serverSideApply();
    }
    register(admin, entries);
  }

  /** The chart's entries that select namespaces by the signature label, as helm renders them. */
  private static List<ValidatingWebhook> chartsImageEntries() throws Exception {
    JsonNode config = HelmChart.only(HelmChart.render(), "ValidatingWebhookConfiguration");
    List<ValidatingWebhook> entries = new ArrayList<>();
    for (JsonNode entry : config.path("webhooks")) {
      if (entry.at("/namespaceSelector/matchLabels").has("bulwark.dev/require-signature")) {
        entries.add(Manifests.mapper().treeToValue(entry, ValidatingWebhook.class));
      }
    }
    assertThat(entries).as("the chart's image signature entries").hasSize(2);
    return entries;
  }

  /** The tenancy render's Namespaces of two tenants, with the label derived from their apps. */
  private static List<Namespace> renderedNamespaces() {
    Application web = application("web", "wiring-shop", BuildSpec.Ci.TEKTON, false);
    SecuritySpec.EnvironmentSpec prod = new SecuritySpec.EnvironmentSpec();
    prod.setName("prod");
    prod.setRequireSignature(true);
    web.getSpec().getSecurity().setEnvironments(List.of(prod));
    Application ext = application("ext", "wiring-ext", BuildSpec.Ci.EXTERNAL, true);
    BulwarkSpec spec =
        new BulwarkSpec(
            SpecObjects.platform("wiring", "wiring.example.com"),
            List.of(
                SpecObjects.tenant("wiring-shop", "dev", "prod"),
                SpecObjects.tenant("wiring-ext", "live")),
            List.of(web, ext));
    List<Namespace> namespaces =
        new Renderer(List.of(new TenancyUnit()))
            .render(spec).objects().stream()
                .map(DesiredObject::object)
                .filter(Namespace.class::isInstance)
                .map(Namespace.class::cast)
                .toList();
    assertThat(namespaces)
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder(GATED, UNBOUND, SIGNED_ONLY);
    return namespaces;
  }

  private static Application application(
      String name, String tenant, BuildSpec.Ci ci, boolean requireSignature) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    BuildSpec build = new BuildSpec();
    build.setCi(ci);
    spec.setBuild(build);
    SecuritySpec security = new SecuritySpec();
    security.setRequireSignature(requireSignature);
    spec.setSecurity(security);
    app.setSpec(spec);
    return app;
  }

  /**
   * Registers the chart's entries unchanged but for where they call: this test's webhook on
   * 127.0.0.1 at the path the chart names, instead of the operator's Service.
   */
  private static void register(KubernetesClient admin, List<ValidatingWebhook> entries)
      throws Exception {
    String ca =
        Base64.getEncoder()
            .encodeToString(
                Files.readString(dir.resolve("tls.crt")).getBytes(StandardCharsets.UTF_8));
    for (ValidatingWebhook entry : entries) {
      String path = entry.getClientConfig().getService().getPath();
      entry.setClientConfig(
          new WebhookClientConfigBuilder()
              .withUrl("https://127.0.0.1:" + webhook.port() + path)
              .withCaBundle(ca)
              .build());
    }
    ValidatingWebhookConfiguration config = new ValidatingWebhookConfiguration();
    config.setMetadata(new ObjectMetaBuilder().withName(CONFIG).build());
    config.setWebhooks(entries);
    admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(config).create();
    // the API server picks a new webhook configuration up asynchronously
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        admin.pods().inNamespace(GATED).resource(pod("probe", unsigned)).dryRun().create();
      } catch (KubernetesClientException refused) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the webhook did not start refusing within 30 s");
  }

  /** A Pod restricted Pod Security admits, so that only the signature check can refuse it. */
  private static Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        // compliant with the platform's own policies too, which other classes of this module
        // bind on the same API server: only the signature may decide here
        .withNewResources()
        .addToRequests("cpu", new Quantity("10m"))
        .addToRequests("memory", new Quantity("16Mi"))
        .addToLimits("memory", new Quantity("32Mi"))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod create(KubernetesClient admin, String namespace, String name, String image) {
    return admin.pods().inNamespace(namespace).resource(pod(name, image)).create();
  }

  private static void assertRefused(
      KubernetesClient admin, String namespace, String name, String image, String reason) {
    SignatureFixtures.assertRefused(() -> create(admin, namespace, name, image), image, reason);
  }

  @Test
  void whereThePipelineBuildsProdAdmitsOnlySignedImagesTheGatePassed(KubernetesClient admin) {
    assertThat(create(admin, GATED, "passed", passed).getMetadata().getUid()).isNotBlank();
    assertRefused(admin, GATED, "unsigned", unsigned, "no cosign signature");
    assertRefused(admin, GATED, "blocked", blocked, "the gate decision attestation says block");
  }

  @Test
  void anExternallyBuiltApplicationsNamespaceAsksForTheSignatureOnly(KubernetesClient admin) {
    assertThat(create(admin, SIGNED_ONLY, "blocked", blocked).getMetadata().getUid())
        .as("signed with the platform's key; no gate attestation is asked for")
        .isNotBlank();
    assertRefused(admin, SIGNED_ONLY, "unsigned", unsigned, "no cosign signature");
  }

  @Test
  void aNamespaceWithoutTheLabelIsNotAsked(KubernetesClient admin) {
    assertThat(create(admin, UNBOUND, "unsigned", unsigned).getMetadata().getUid()).isNotBlank();
    // a tag, which the check would refuse as not pinned by digest: only a namespace the webhook
    // is never called for admits it
    String tag = registry.host + "/app:unsigned";
    assertThat(create(admin, UNBOUND, "by-tag", tag).getMetadata().getUid()).isNotBlank();
  }

  @AfterAll
  static void tearDown(KubernetesClient admin) {
    SignatureFixtures.tearDown(
        admin, CONFIG, new String[] {GATED, UNBOUND, SIGNED_ONLY}, webhook, registry);
  }
}
