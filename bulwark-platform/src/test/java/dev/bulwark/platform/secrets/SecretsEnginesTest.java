package dev.bulwark.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets capability with its real engines: OpenBao ({@code bao server}) and External Secrets
 * Operator's controller as processes against a real kube-apiserver, configured by the scripts and
 * objects Bulwark renders for acme (two of its tenants, each with an application that has a
 * secret). The rendered initialisation and configuration Jobs' scripts run with the real {@code
 * bao}; OpenBao checks every login with a TokenReview against the test's API server.
 *
 * <p>What the test changes in the rendered objects, and why: OpenBao's address in the SecretStores
 * and Jobs (an in-cluster DNS name) becomes the local server's. The values it stores are random and
 * never printed: assertions compare them without showing them.
 */
@RealApiServer
@ExtendWith(EngineReport.class)
class SecretsEnginesTest {

  private static final String APPS =
      """
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: reports, namespace: data}
      spec:
        tenant: data
        image: harbor.acme.example.com/data/reports:1.0.0
        secrets: [{name: reports-db, path: reports/db}]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: newsletter, namespace: web-dev}
      spec:
        tenant: web
        image: harbor.acme.example.com/web/newsletter:1.0.0
        secrets: [{name: newsletter-smtp, path: newsletter/smtp}]
      """;

  /** The two tenants' namespaces: data has one environment, web two. */
  private static final Set<String> TENANT_NAMESPACES = Set.of("data", "web-dev", "web-prod");

  private static final String SEEDER = "secrets-test-seeder";

  @TempDir static Path dir;
  private static OpenBaoProcess openBao;
  private static ExternalSecretsProcess eso;
  private static DesiredState state;
  private static final Map<String, String> STORED = new TreeMap<>();
  private static RenderedJobRun.Result init;
  private static RenderedJobRun.Result configuration;
  private static Map<String, String> local;

  @BeforeAll
  static void startEnginesAndBootstrap(KubernetesClient client, Config config, ControlPlane plane)
      throws Exception {
    Path bao = Engine.BAO.require();
    Path controller = Engine.EXTERNAL_SECRETS.require();
    OpenBaoProcess.requireUnshare();
    Path crds = SharedData.resolve("crds/external-secrets").orElse(null);
    Needed.require(crds != null, "../shared/crds/external-secrets (the chart's ESO CRDs)");
    state = Renderer.standard().render(acmeWithApplicationSecrets());
    installCrds(client, crds, controller.getParent().resolve("crds"));
    applyRendered(client, "Namespace", Set.of("openbao"), Set.of("openbao"));
    applyRendered(client, "Namespace", TENANT_NAMESPACES, TENANT_NAMESPACES);
    applyRendered(client, "ServiceAccount", Set.of("bulwark-openbao-config"), Set.of("openbao"));
    applyRendered(
        client, "ServiceAccount", Set.of(OpenBao.TENANT_SERVICE_ACCOUNT), TENANT_NAMESPACES);
    openBao =
        OpenBaoProcess.start(
            bao,
            Files.createDirectories(dir.resolve("openbao")),
            reviewerToken(client),
            caCert(config));
    local = local(config);
    init = RenderedJobRun.run(state, OpenBaoServer.INIT_JOB, dir.resolve("init"), bao, null, local);
    configuration =
        RenderedJobRun.run(
            state,
            "bulwark-openbao-config",
            dir.resolve("config"),
            bao,
            token(client, "openbao", OpenBaoServer.CONFIG_SERVICE_ACCOUNT),
            local);
    assertThat(init.exitCode()).as(init.output()).isZero();
    assertThat(configuration.exitCode()).as(configuration.output()).isZero();
    seed(client);
    eso = ExternalSecretsProcess.start(controller, plane.kubeconfig(), dir.resolve("eso.log"));
    for (DesiredObject store : rendered("SecretStore", Set.of("tenant"), TENANT_NAMESPACES)) {
      apply(client, localStore(store.object()));
    }
    applyRendered(
        client, "ExternalSecret", Set.of("reports-db", "newsletter-smtp"), TENANT_NAMESPACES);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (eso != null) {
      eso.close();
    }
    if (openBao != null) {
      openBao.close();
    }
  }

  @Test
  void theInitialisationJobInitialisesOnceAndRevokesItsRootToken() throws Exception {
    assertThat(init.output()).contains("OpenBao initialised; the root token is revoked");
    RenderedJobRun.Result again =
        RenderedJobRun.run(
            state,
            OpenBaoServer.INIT_JOB,
            dir.resolve("init-again"),
            Engine.BAO.require(),
            null,
            local);
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("OpenBao is initialised; nothing to do");
  }

  @Test
  void eachTenantsStoreLogsInWithItsOwnRole(KubernetesClient client) {
    for (String namespace : TENANT_NAMESPACES) {
      Awaits.until(
          "SecretStore " + namespace + "/tenant Ready",
          () -> "True".equals(condition(client, "SecretStore", namespace, "tenant", "status")),
          this::logs);
    }
  }

  @Test
  void anApplicationsExternalSecretProducesItsSecretFromItsTenantsPath(KubernetesClient client) {
    assertSecret(client, "data", "reports-db", "tenants/data/reports/db");
    assertSecret(client, "web-dev", "newsletter-smtp", "tenants/web/newsletter/smtp");
    assertSecret(client, "web-prod", "newsletter-smtp", "tenants/web/newsletter/smtp");
  }

  @Test
  void aTenantsStoreIsRefusedTheOtherTenantsPathInBothDirections(KubernetesClient client) {
    assertRefused(client, "data", "tenants/web/newsletter/smtp");
    assertRefused(client, "web-dev", "tenants/data/reports/db");
  }

  private void assertSecret(KubernetesClient client, String namespace, String name, String path) {
    Awaits.until(
        "Secret " + namespace + "/" + name,
        () -> client.secrets().inNamespace(namespace).withName(name).get() != null,
        this::logs);
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    String value =
        new String(
            Base64.getDecoder().decode(secret.getData().getOrDefault("password", "")),
            StandardCharsets.UTF_8);
    // compared, never printed
    assertThat(value.equals(STORED.get(path)))
        .as("Secret %s/%s holds the value stored at %s (values not shown)", namespace, name, path)
        .isTrue();
  }

  /** A tenant's developer points an ExternalSecret of their own at the other tenant's path. */
  private void assertRefused(KubernetesClient client, String namespace, String otherPath) {
    String name = "reads-another-tenant";
    apply(
        client,
        Serialization.unmarshal(
            """
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: %s, namespace: %s}
            spec:
              secretStoreRef: {kind: SecretStore, name: tenant}
              target: {name: %s}
              dataFrom: [{extract: {key: %s}}]
            """
                .formatted(name, namespace, name, otherPath),
            GenericKubernetesResource.class));
    Awaits.until(
        "ExternalSecret " + namespace + "/" + name + " refused",
        () ->
            "SecretSyncedError"
                .equals(condition(client, "ExternalSecret", namespace, name, "reason")),
        this::logs);
    Awaits.until(
        "an Event saying OpenBao denied " + namespace + "/" + name,
        () ->
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .anyMatch(
                    e ->
                        e.getMessage().contains("Code: 403")
                            && e.getMessage().contains("permission denied")
                            && e.getMessage().contains("/v1/secret/data/" + otherPath)),
        this::logs);
    assertThat(client.secrets().inNamespace(namespace).withName(name).get()).isNull();
  }

  private String logs() {
    try {
      String esoLog = Files.readString(dir.resolve("eso.log"));
      return "ESO alive="
          + (eso != null && eso.alive())
          + "; last of its log:\n"
          + esoLog.substring(Math.max(0, esoLog.length() - 3000));
    } catch (IOException e) {
      return "(no ESO log: " + e.getMessage() + ")";
    }
  }

  /** A field of the Ready condition of an ESO object, or null while it has none. */
  private static String condition(
      KubernetesClient client, String kind, String namespace, String name, String field) {
    GenericKubernetesResource object =
        client
            .genericKubernetesResources("external-secrets.io/v1", kind)
            .inNamespace(namespace)
            .withName(name)
            .get();
    if (object == null) {
      return null;
    }
    for (var c : Manifests.mapper().valueToTree(object).path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path(field).asText();
      }
    }
    return null;
  }

  /** acme, with one application per tenant that has a secret (acme's own have none). */
  private static dev.bulwark.api.BulwarkSpec acmeWithApplicationSecrets() throws IOException {
    Path acme = SharedData.repoDir().resolve("examples/acme");
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(acme)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        sources.put(acme.relativize(file).toString(), Files.readString(file));
      }
    }
    sources.put("applications/with-secrets.yaml", APPS);
    LoadResult loaded = SpecLoader.loadStrings(sources);
    assertThat(loaded.errors()).as(loaded.ok() ? "" : loaded.report()).isEmpty();
    return loaded.spec();
  }

  private static void installCrds(KubernetesClient client, Path... dirs) throws IOException {
    for (Path crds : dirs) {
      try (Stream<Path> files = Files.list(crds)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          var crd =
              client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
          dev.bulwark.testkit.cluster.Crds.applyAndAwait(client, crd);
        }
      }
    }
  }

  private static List<DesiredObject> rendered(
      String kind, Set<String> names, Set<String> namespaces) {
    List<DesiredObject> found =
        state.objects().stream()
            .filter(o -> o.key().kind().equals(kind) && names.contains(o.key().name()))
            .filter(
                o ->
                    namespaces.contains(
                        kind.equals("Namespace")
                            ? o.key().name()
                            : o.object().getMetadata().getNamespace()))
            .toList();
    assertThat(found)
        .extracting(
            o ->
                kind.equals("Namespace") ? o.key().name() : o.object().getMetadata().getNamespace())
        .as("rendered %s %s, in each of %s", kind, names, namespaces)
        .containsAll(namespaces);
    return found;
  }

  private static void applyRendered(
      KubernetesClient client, String kind, Set<String> names, Set<String> namespaces) {
    for (DesiredObject object : rendered(kind, names, namespaces)) {
      apply(client, object.object());
    }
  }

  private static void apply(KubernetesClient client, HasMetadata object) {
    client.resource(object).forceConflicts().serverSideApply();
  }

  /** A rendered SecretStore, pointing at the local OpenBao instead of its in-cluster name. */
  private static GenericKubernetesResource localStore(HasMetadata store) {
    ObjectNode tree = Manifests.mapper().valueToTree(store);
    assertThat(tree.at("/spec/provider/vault/server").asText())
        .isEqualTo("http://openbao.openbao.svc:8200");
    ((ObjectNode) tree.at("/spec/provider/vault")).put("server", openBao.address());
    return Manifests.mapper().convertValue(tree, GenericKubernetesResource.class);
  }

  /**
   * OpenBao's own ServiceAccount and its TokenReview permission, as the openbao chart creates them
   * ({@code server.authDelegator}, on by default; the rendered values leave it on), and its token.
   */
  private static String reviewerToken(KubernetesClient client) {
    apply(
        client,
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("openbao")
            .withNamespace("openbao")
            .endMetadata()
            .build());
    apply(
        client,
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName("openbao-server-binding")
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:auth-delegator")
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName("openbao")
            .withNamespace("openbao")
            .endSubject()
            .build());
    return token(client, "openbao", "openbao");
  }

  private static String token(KubernetesClient client, String namespace, String account) {
    return client
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  private static String caCert(Config config) throws IOException {
    if (config.getCaCertData() != null) {
      return new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8);
    }
    return Files.readString(Path.of(config.getCaCertFile()));
  }

  /** What a Pod would have: the API server's address from the kubelet, OpenBao's service. */
  private static Map<String, String> local(Config config) {
    URI api = URI.create(config.getMasterUrl());
    return Map.of(
        "BAO_ADDR", openBao.address(),
        "KUBERNETES_SERVICE_HOST", api.getHost(),
        "KUBERNETES_SERVICE_PORT", String.valueOf(api.getPort()));
  }

  /**
   * Stores a random value at each application's path. Tenants' secrets are written by people, not
   * by anything rendered, and no rendered role may write them; the test makes a writer the way an
   * administrator would: the bootstrap role (which manages policies and roles) creates a policy
   * that may only write tenants' paths, bound to a ServiceAccount of the test's own.
   */
  private static void seed(KubernetesClient client) throws Exception {
    OpenBaoApi api = new OpenBaoApi(openBao.address());
    String bootstrap =
        api.login(
            OpenBaoServer.BOOTSTRAP_ROLE,
            token(client, "openbao", OpenBaoServer.CONFIG_SERVICE_ACCOUNT));
    api.write(
        bootstrap,
        "sys/policies/acl/" + SEEDER,
        Map.of(
            "policy",
            "path \"secret/data/tenants/*\" { capabilities = [\"create\", \"update\"] }"));
    api.write(
        bootstrap,
        "auth/" + OpenBao.AUTH_MOUNT + "/role/" + SEEDER,
        Map.of(
            "bound_service_account_names",
            SEEDER,
            "bound_service_account_namespaces",
            "openbao",
            "policies",
            SEEDER,
            "ttl",
            "5m"));
    apply(
        client,
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(SEEDER)
            .withNamespace("openbao")
            .endMetadata()
            .build());
    String seeder = api.login(SEEDER, token(client, "openbao", SEEDER));
    SecureRandom random = new SecureRandom();
    for (String path : List.of("tenants/data/reports/db", "tenants/web/newsletter/smtp")) {
      byte[] value = new byte[16];
      random.nextBytes(value);
      STORED.put(path, HexFormat.of().formatHex(value));
      api.write(
          seeder, "secret/data/" + path, Map.of("data", Map.of("password", STORED.get(path))));
    }
  }
}
