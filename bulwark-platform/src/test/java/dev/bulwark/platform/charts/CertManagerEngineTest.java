package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.CertManagerController;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.ClusterIssuer;
import io.fabric8.certmanager.api.model.v1.IssuerCondition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The certificates Bulwark renders, issued by cert-manager's own controllers against a real API
 * server: the CRDs from the pinned chart as templated with Bulwark's values, the controllers run as
 * a process with the chart's {@code --cluster-resource-namespace}, then examples/acme's certificate
 * and gateway objects applied. The self-signed → CA → CA ClusterIssuer path must issue the
 * gateway's certificate; the ACME issuer, which cannot reach an ACME server here, must be accepted
 * and report why its account is not registered.
 */
@RealApiServer
@ExtendWith(EngineReport.class)
class CertManagerEngineTest {

  private static final String SETTINGS = "        email: platform-team@acme.example.com\n";
  private static final Duration ISSUANCE = Duration.ofMinutes(2);
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private static CertManagerController controller;

  @BeforeAll
  static void startCertManager(KubernetesClient client, ControlPlane plane) {
    Engine.CERT_MANAGER.require();
    Release release =
        PlatformReleases.releases("standard").stream()
            .filter(r -> r.component().equals("cert-manager"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("examples/acme installs no cert-manager"));
    List<JsonNode> chart = ChartOutput.objects(release);
    for (JsonNode crd : ofKind(chart, "CustomResourceDefinition")) {
      apply(
          client,
          client.getKubernetesSerialization().convertValue(crd, GenericKubernetesResource.class));
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.at("/metadata/name").asText())
          .waitUntilCondition(CertManagerEngineTest::established, 60, TimeUnit.SECONDS);
    }
    controller =
        CertManagerController.start(
            plane.kubeconfig(),
            clusterResourceNamespace(chart, release.namespace()),
            Path.of("target/cert-manager-controller.log"));
  }

  @AfterAll
  static void stopCertManager() {
    if (controller != null) {
      controller.close();
    }
  }

  /** Both cases render the platform issuer under the same name. */
  @BeforeEach
  void removePlatformIssuer(KubernetesClient client) {
    client
        .resources(ClusterIssuer.class)
        .withName("bulwark")
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
  }

  @Test
  void caPathIssuesTheGatewayCertificateForEveryHostItServes(KubernetesClient client)
      throws Exception {
    DesiredState state =
        render(t -> t.replace(SETTINGS, SETTINGS + "        issuer: selfsigned\n"));
    applyCertificateObjects(client, state);

    Certificate gateway = rendered(state, Certificate.class, "bulwark-gateway");
    Certificate root = rendered(state, Certificate.class, "bulwark-root-ca");
    waitReady(client, root);
    waitReady(client, gateway);

    X509Certificate ca =
        certificates(
                secret(client, root.getMetadata().getNamespace(), root.getSpec().getSecretName()),
                "tls.crt")
            .get(0);
    Secret tls =
        secret(client, gateway.getMetadata().getNamespace(), gateway.getSpec().getSecretName());
    List<X509Certificate> chain = certificates(tls, "tls.crt");
    X509Certificate leaf = chain.get(0);

    assertThat(ca.getBasicConstraints()).as("the root is a CA").isGreaterThanOrEqualTo(0);
    assertThat(certificates(tls, "ca.crt"))
        .as("ca.crt of the gateway's Secret")
        .containsExactly(ca);
    validate(chain, ca);
    assertThat(dnsNames(leaf))
        .as("SANs of the issued certificate")
        .containsExactlyInAnyOrderElementsOf(gateway.getSpec().getDnsNames());
    assertThat(GatewayHosts.served(state))
        .as("every host the gateway serves is named by the certificate")
        .isNotEmpty()
        .allSatisfy(
            host -> assertThat(GatewayHosts.covered(host, dnsNames(leaf))).as(host).isTrue());
    assertThat(leaf.getBasicConstraints()).as("the leaf is no CA").isEqualTo(-1);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature key usage").isTrue();
    if (leaf.getExtendedKeyUsage() != null) {
      assertThat(leaf.getExtendedKeyUsage()).as("extended key usage").contains(SERVER_AUTH);
    }
  }

  @Test
  void acmeIssuerIsAcceptedAndReportsWhyItHasNoAccount(KubernetesClient client) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    // nothing listens there any more: the account registration fails at once, on this machine
    String server = "https://127.0.0.1:" + port + "/directory";
    DesiredState state =
        render(t -> t.replace(SETTINGS, SETTINGS + "        server: " + server + "\n"));
    applyCertificateObjects(client, state);
    ClusterIssuer issuer = rendered(state, ClusterIssuer.class, "bulwark");
    assertThat(issuer.getSpec().getAcme().getServer()).isEqualTo(server);

    IssuerCondition ready =
        await(
            "the ACME ClusterIssuer's Ready condition",
            () -> readyCondition(client.resources(ClusterIssuer.class).withName("bulwark").get()),
            c -> c != null && "False".equals(c.getStatus()));
    assertThat(ready.getReason()).isEqualTo("ErrRegisterACMEAccount");
    assertThat(ready.getMessage()).contains("127.0.0.1:" + port);
  }

  private static DesiredState render(UnaryOperator<String> settings) {
    return Renderer.standard()
        .render(
            PlatformReleases.acmeSpec(
                text -> {
                  String edited = settings.apply(text);
                  if (edited.equals(text)) {
                    throw new AssertionError(
                        "examples/acme/platform.yaml no longer has the certificates e-mail line");
                  }
                  return edited;
                }));
  }

  /** The certificates unit's and the gateway's Namespaces, issuers and Certificates, in order. */
  private static void applyCertificateObjects(KubernetesClient client, DesiredState state) {
    List<String> order = List.of("Namespace", "ClusterIssuer", "Issuer", "Certificate");
    for (String kind : order) {
      state.objects().stream()
          .filter(o -> o.capability().equals("certificates") || o.capability().equals("gateway"))
          .map(DesiredObject::object)
          .filter(o -> o.getKind().equals(kind))
          .forEach(o -> apply(client, o));
    }
  }

  private static void apply(KubernetesClient client, HasMetadata object) {
    client.resource(object).fieldManager("bulwark").forceConflicts().serverSideApply();
  }

  private static <T extends HasMetadata> T rendered(
      DesiredState state, Class<T> type, String name) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered"));
  }

  private static void waitReady(KubernetesClient client, Certificate certificate) {
    String ns = certificate.getMetadata().getNamespace();
    String name = certificate.getMetadata().getName();
    await(
        "Certificate " + ns + "/" + name + " Ready",
        () -> {
          Certificate live =
              client.resources(Certificate.class).inNamespace(ns).withName(name).get();
          return live == null || live.getStatus() == null ? null : live.getStatus().getConditions();
        },
        conditions ->
            conditions != null
                && conditions.stream()
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")));
  }

  private static IssuerCondition readyCondition(ClusterIssuer issuer) {
    if (issuer == null
        || issuer.getStatus() == null
        || issuer.getStatus().getConditions() == null) {
      return null;
    }
    return issuer.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElse(null);
  }

  /** Polls until {@code done}; on time-out fails with the last value and the controllers' log. */
  private static <T> T await(String what, Supplier<T> value, Predicate<T> done) {
    Instant deadline = Instant.now().plus(ISSUANCE);
    T last = value.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline) || !controller.alive()) {
        throw new AssertionError(
            "waited "
                + ISSUANCE
                + " for "
                + what
                + (controller.alive() ? "" : " (the controller process has exited)")
                + "; last seen: "
                + last
                + "\ncert-manager's log ends:\n"
                + controller.logTail());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      last = value.get();
    }
    return last;
  }

  private static Secret secret(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    assertThat(secret).as("Secret %s/%s", namespace, name).isNotNull();
    return secret;
  }

  /** The PEM certificates under {@code key}, in their order. */
  private static List<X509Certificate> certificates(Secret secret, String key) throws Exception {
    String data = secret.getData().get(key);
    assertThat(data).as("%s in Secret %s", key, secret.getMetadata().getName()).isNotBlank();
    List<X509Certificate> certificates = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    factory
        .generateCertificates(new ByteArrayInputStream(Base64.getDecoder().decode(data)))
        .forEach(c -> certificates.add((X509Certificate) c));
    return certificates;
  }

  /** PKIX validation of the chain (without the anchor itself) up to the CA as the only anchor. */
  private static void validate(List<X509Certificate> chain, X509Certificate ca) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            factory.generateCertPath(chain.stream().filter(c -> !c.equals(ca)).toList()),
            parameters);
  }

  private static List<String> dnsNames(X509Certificate certificate) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> san : certificate.getSubjectAlternativeNames()) {
      assertThat(san.get(0)).as("only DNS names in the SANs: %s", san).isEqualTo(2);
      names.add((String) san.get(1));
    }
    return names;
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  /** The controller's --cluster-resource-namespace in the chart's Deployment, resolved. */
  private static String clusterResourceNamespace(List<JsonNode> chart, String releaseNamespace) {
    String flag = "--cluster-resource-namespace=";
    for (JsonNode deployment : ofKind(chart, "Deployment")) {
      for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
        for (JsonNode arg : container.path("args")) {
          if (arg.asText().startsWith(flag)) {
            return arg.asText()
                .substring(flag.length())
                .replace("$(POD_NAMESPACE)", releaseNamespace);
          }
        }
      }
    }
    throw new AssertionError("the cert-manager chart's controller has no " + flag + " argument");
  }

  private static boolean established(
      io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }
}
