package dev.bulwark.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.tenancy.TenancyUnit;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.identity.Keycloak;
import dev.bulwark.testkit.identity.KeycloakAdmin;
import dev.bulwark.testkit.identity.RealKeycloak;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tokens from a real Keycloak against a real API server: examples/acme's rendered realm is
 * imported, users join the payments tenant's groups (and one the web tenant's), and each signs in
 * for an ID token. The API server trusts the realm through structured authentication (the
 * AuthenticationConfiguration below, with the platform's group prefix), acme's tenancy is applied,
 * and every request is made with the user's own bearer token: no impersonation, no client
 * certificate.
 */
@RealKeycloak
public class OidcTokensOnApiServerTest {

  /** A public client with direct access grants, added here only: the realm renders none. */
  private static final String LOGIN_CLIENT = "bulwark-test-login";

  /** The API server's username prefix, as {@code bulwark console --username-prefix} expects. */
  private static final String USERNAME_PREFIX = "oidc:";

  private static final String OWNER = "payments-leads";
  private static final String DEVELOPER = "payments-engineers";
  private static final String VIEWER = "payments-auditors";
  private static final String OTHER_TENANT = "web-developers";
  private static final String DEV = "payments-dev";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tenantMembersActWithTheirOwnTokens(Keycloak keycloak, @TempDir Path dir) throws Exception {
    ControlPlane.Result<ControlPlane.Setup> setup = ControlPlane.locate(SharedData.repoDir());
    Needed.require(setup.value().isPresent(), setup.reason());
    BulwarkSpec spec = RenderedRealmOnKeycloakTest.spec("examples/acme");
    DesiredState state = Renderer.standard().render(spec);
    PlatformModel platform = PlatformModel.from(spec.platform());
    RenderedRealm realm = RenderedRealm.of(state);
    KeycloakAdmin admin = keycloak.admin();
    admin.replaceRealm(realm.filled());
    admin.createClient(realm.name(), loginClient(realm));
    Map<String, String> passwords = new HashMap<>();
    for (String group : List.of(OWNER, DEVELOPER, VIEWER, OTHER_TENANT)) {
      passwords.put(group, "pw-" + java.util.UUID.randomUUID());
      admin.createUser(realm.name(), user(group), passwords.get(group), List.of(group));
    }

    Path authentication = dir.resolve("authentication.yaml");
    Files.writeString(
        authentication,
        authenticationConfig(keycloak, realm.name(), LOGIN_CLIENT, platform.groupPrefix()));
    long started = System.nanoTime();
    try (ControlPlane plane =
        ControlPlane.startWithAuthentication(
            setup.value().get(), dir.resolve("plane"), Duration.ofMinutes(4), authentication)) {
      System.err.println(
          "[OidcTokens] API server with OIDC up in "
              + Duration.ofNanos(System.nanoTime() - started));
      Config adminConfig = Config.fromKubeconfig(plane.kubeconfigYaml());
      try (KubernetesClient cluster =
          new KubernetesClientBuilder().withConfig(adminConfig).build()) {
        applyTenancy(cluster, state);
      }
      Map<String, KubernetesClient> as = new HashMap<>();
      try {
        for (String group : passwords.keySet()) {
          String idToken =
              admin
                  .passwordGrant(realm.name(), LOGIN_CLIENT, user(group), passwords.get(group))
                  .path("id_token")
                  .asText();
          as.put(group, withToken(adminConfig, idToken));
        }
        assertIdentity(as.get(VIEWER), platform.groupPrefix() + VIEWER, user(VIEWER));
        assertRights(as);
      } finally {
        as.values().forEach(KubernetesClient::close);
      }
    }
  }

  private static void assertRights(Map<String, KubernetesClient> as) {
    // viewer: reads the tenant's workloads, never its Secrets
    assertThat(as.get(VIEWER).apps().deployments().inNamespace(DEV).list().getItems()).isEmpty();
    assertForbidden(() -> as.get(VIEWER).secrets().inNamespace(DEV).list());
    // developer: deploys, but grants no rights
    Deployment created = as.get(DEVELOPER).resource(deployment()).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertForbidden(
        () ->
            as.get(DEVELOPER)
                .rbac()
                .roleBindings()
                .inNamespace(DEV)
                .resource(
                    new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("from-a-developer")
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                        .addNewSubject()
                        .withKind("User")
                        .withName("someone")
                        .endSubject()
                        .build())
                .create());
    // the owner may bind: the developer's refusal is the role's, not the token's
    assertThat(can(as.get(OWNER), "rbac.authorization.k8s.io", "rolebindings", "create")).isTrue();
    // another tenant's member sees nothing of this tenant, and does see its own
    assertForbidden(() -> as.get(OTHER_TENANT).pods().inNamespace(DEV).list());
    assertForbidden(() -> as.get(OTHER_TENANT).apps().deployments().inNamespace(DEV).list());
    assertForbidden(() -> as.get(OTHER_TENANT).namespaces().withName(DEV).get());
    assertThat(as.get(OTHER_TENANT).pods().inNamespace("web-dev").list().getItems()).isEmpty();
  }

  /**
   * The API server names the user from the token: prefixed username and groups. Retried while the
   * API server's JWT authenticator still fetches the issuer's discovery document and keys.
   */
  private static void assertIdentity(KubernetesClient client, String group, String username)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        UserInfo user =
            client
                .authentication()
                .v1()
                .selfSubjectReviews()
                .create(new SelfSubjectReview())
                .getStatus()
                .getUserInfo();
        assertThat(user.getUsername()).isEqualTo(USERNAME_PREFIX + username);
        assertThat(user.getGroups()).contains(group, "system:authenticated");
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 401 || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }

  private static boolean can(KubernetesClient client, String group, String resource, String verb) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withNamespace(DEV)
            .withGroup(group)
            .withResource(resource)
            .withVerb(verb)
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }

  private static void assertForbidden(Runnable request) {
    assertThatThrownBy(request::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  /** The test's login client, with the groups mapper exactly as rendered for kubelogin. */
  private static Map<String, Object> loginClient(RenderedRealm realm) {
    Map<String, Object> client = new HashMap<>();
    client.put("clientId", LOGIN_CLIENT);
    client.put("publicClient", true);
    client.put("directAccessGrantsEnabled", true);
    client.put("standardFlowEnabled", false);
    client.put(
        "protocolMappers",
        JSON.convertValue(
            realm.clients().get(OidcClients.KUBELOGIN).path("protocolMappers"), List.class));
    return client;
  }

  /**
   * The API server's structured authentication: the realm's issuer and CA, the username and the
   * groups claims with the prefixes Bulwark's RoleBindings and console expect; the ID tokens of
   * {@code audience} (a client of the realm) are accepted.
   */
  public static String authenticationConfig(
      Keycloak keycloak, String realm, String audience, String groupPrefix) throws Exception {
    Map<String, Object> jwt =
        Map.of(
            "issuer",
            Map.of(
                "url", keycloak.issuer(realm).toString(),
                "audiences", List.of(audience),
                "certificateAuthority", keycloak.ca().caPem()),
            "claimMappings",
            Map.of(
                "username", Map.of("claim", "preferred_username", "prefix", USERNAME_PREFIX),
                "groups", Map.of("claim", "groups", "prefix", groupPrefix)));
    // JSON is YAML: the API server reads either
    return JSON.writeValueAsString(
        Map.of(
            "apiVersion", "apiserver.config.k8s.io/v1",
            "kind", "AuthenticationConfiguration",
            "jwt", List.of(jwt)));
  }

  /** What the operator would apply of the tenancy capability: namespaces first. */
  private static void applyTenancy(KubernetesClient cluster, DesiredState state) {
    List<HasMetadata> objects = new ArrayList<>();
    for (DesiredObject o : state.objects()) {
      if (o.capability().equals(TenancyUnit.CAPABILITY)) {
        objects.add(o.object());
      }
    }
    objects.sort(Comparator.comparingInt(o -> o.getKind().equals("Namespace") ? 0 : 1));
    for (HasMetadata o : objects) {
      cluster.resource(o).forceConflicts().serverSideApply();
    }
  }

  /** A client that presents the ID token and nothing else: no client certificate. */
  private static KubernetesClient withToken(Config admin, String idToken) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertData(admin.getCaCertData())
            .withOauthToken(idToken)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String user(String group) {
    return "member-of-" + group;
  }

  private static Deployment deployment() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("from-a-token")
        .withNamespace(DEV)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", "from-a-token")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "from-a-token")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.com/app@sha256:" + "0".repeat(64))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
