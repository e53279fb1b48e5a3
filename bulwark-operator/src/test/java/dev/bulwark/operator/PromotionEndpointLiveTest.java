package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.promotion.LoopbackCertificate;
import dev.bulwark.operator.promotion.PromotionEndpoint;
import dev.bulwark.operator.reconcile.PromotionPass;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promotion endpoint for external CI (ADR 0041) on a real API server with a local bare Git
 * repository: real ServiceAccount tokens (TokenRequest) checked with TokenReview, the right checked
 * with a SubjectAccessReview against the promoter's Role, and the same promotion rules and commit
 * as the operator's promotion. The test plays Argo CD by writing the Applications' status.
 */
@RealApiServer
class PromotionEndpointLiveTest {

  private static final String TENANT = "pe";
  private static final String CI = "pe-ci";
  private static final String APP = "web";
  private static final String IMAGE = "registry.example.test/pe/web";
  private static final String A = "sha256:" + "a".repeat(64);

  @TempDir Path dir;
  private GitOpsRemote remote;
  private HttpClient http;
  private PromotionEndpoint endpoint;

  @BeforeEach
  void setUp(KubernetesClient admin) throws Exception {
    LiveFixture.installCrds(admin);
    ArgoCdApplications.install(admin);
    remote = GitOpsRemote.planned(dir, TENANT, IMAGE, A);
    remote.pointPlatformAt(admin);
    for (String ns : List.of("pe-apps", CI)) {
      admin
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    admin.resource(LiveFixture.tenant(TENANT, "dev", "stage", "prod")).serverSideApply();
    admin.resource(GitOpsRemote.application("pe-apps", APP, TENANT, IMAGE)).serverSideApply();
    promoterRights(admin);
    LoopbackCertificate tls = LoopbackCertificate.write(dir);
    http = HttpClient.newBuilder().sslContext(tls.trusting()).build();
    endpoint =
        PromotionEndpoint.start(
            new InetSocketAddress("127.0.0.1", 0),
            tls.certificate(),
            tls.key(),
            admin,
            new PromotionPass(admin, Clock.systemUTC(), Optional::empty));
  }

  @Test
  void thePromotersTokenPromotesByTheRulesAndEveryOtherCallerIsTurnedAway(KubernetesClient admin)
      throws Exception {
    String promoter = token(admin, APP + "-promoter");
    String body = body("stage", A);

    assertThat(post(APP, null, body).statusCode()).isEqualTo(401);
    HttpResponse<String> garbage = post(APP, "not-a-token", body);
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(garbage.body()).contains("\"reason\":\"expected a Kubernetes bearer token");
    HttpResponse<String> other = post(APP, token(admin, "builder"), body);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("system:serviceaccount:pe-ci:builder may not create");
    assertThat(post("api", promoter, body).statusCode())
        .as("the promoter of web may not promote another application")
        .isEqualTo(403);

    HttpResponse<String> badDigest = post(APP, promoter, body("stage", "sha256:abc"));
    assertThat(badDigest.statusCode()).isEqualTo(400);
    assertThat(badDigest.body()).contains("digest: expected an image digest sha256:");
    assertThat(post(APP, promoter, "{\"digest\":\"" + A + "\"}").body())
        .contains("environment: expected a non-empty string");

    HttpResponse<String> skipping = post(APP, promoter, body("prod", A));
    assertThat(skipping.statusCode()).as(skipping.body()).isEqualTo(409);
    assertThat(skipping.body())
        .as("prod comes after stage, which runs no digest yet")
        .contains("environment `stage` pins image " + IMAGE + " to tag 1.0, not to a digest");
    HttpResponse<String> notHealthy = post(APP, promoter, body);
    assertThat(notHealthy.statusCode()).as("dev has not reported healthy yet").isEqualTo(409);
    assertThat(remote.log("refs/heads/main")).containsExactly("Plan the tree");

    ArgoCdApplications.report(
        admin, TENANT, APP, "dev", "Synced", "Healthy", List.of(IMAGE + "@" + A));
    HttpResponse<String> promoted = post(APP, promoter, body);
    assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(202);
    assertThat(promoted.body()).contains("\"result\":\"promoted\"");
    RevCommit tip = remote.tip("refs/heads/main");
    assertThat(promoted.body()).contains("\"commit\":\"" + tip.name() + "\"");
    assertThat(tip.getShortMessage()).isEqualTo("Promote pe/web to stage: " + A.substring(7, 19));
    assertThat(tip.getAuthorIdent().getName())
        .isEqualTo("system:serviceaccount:pe-ci:web-promoter");
    assertThat(remote.pins("stage")).contains("digest: " + A);
    assertThat(post(APP, promoter, body).body())
        .as("asked again: nothing more to commit")
        .contains("\"result\":\"already-there\"");

    ArgoCdApplications.report(
        admin, TENANT, APP, "stage", "Synced", "Healthy", List.of(IMAGE + "@" + A));
    HttpResponse<String> manual = post(APP, promoter, body("prod", A));
    assertThat(manual.statusCode()).isEqualTo(202);
    assertThat(manual.body())
        .contains("\"result\":\"pending-approval\"", "waits for an approval by a member of");
    assertThat(remote.tip("refs/heads/bulwark/pending/pe/web/prod").getFullMessage())
        .contains("Bulwark-Digest: " + A);
    assertThat(remote.pins("prod")).doesNotContain("digest:");
    assertThat(remote.log("refs/heads/main")).hasSize(2);
  }

  @Test
  void theOperatorServesTheEndpoint(Config config) throws Exception {
    LoopbackCertificate tls =
        LoopbackCertificate.write(Files.createDirectories(dir.resolve("own")));
    try (BulwarkOperator operator =
        BulwarkOperator.start(config, OperatorSettings.local("promotion-endpoint-test"))) {
      int port =
          operator.servePromotions(
              new InetSocketAddress("127.0.0.1", 0), tls.certificate(), tls.key());
      HttpClient client = HttpClient.newBuilder().sslContext(tls.trusting()).build();
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/promotions/pe/web"))
                  .header("Authorization", "Bearer garbage")
                  .POST(HttpRequest.BodyPublishers.ofString(body("stage", A)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(401);
    }
  }

  @AfterEach
  void cleanUp(KubernetesClient admin) {
    if (endpoint != null) {
      endpoint.close();
    }
    admin
        .genericKubernetesResources(ArgoCdApplications.KIND)
        .inNamespace(ArgoCdApplications.NAMESPACE)
        .withLabel(BulwarkLabels.TENANT, TENANT)
        .delete();
    admin.resource(GitOpsRemote.application("pe-apps", APP, TENANT, IMAGE)).delete();
    admin.resources(Tenant.class).withName(TENANT).delete();
    GitOpsRemote.forgetRepository(admin);
  }

  private HttpResponse<String> post(String app, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "https://127.0.0.1:" + endpoint.port() + "/promotions/" + TENANT + "/" + app))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The JDK's server closes a connection idle for 30 s, the JDK's client keeps one alive for
      // 30 s: on a slow machine the client can send on a connection the server is closing, and a
      // POST is not retried. A CI run failed so ("header parser received no bytes"); once more on
      // a new connection is what a client of the endpoint does too.
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String body(String environment, String digest) {
    return "{\"environment\":\"" + environment + "\",\"digest\":\"" + digest + "\"}";
  }

  /**
   * The promoter's ServiceAccount and Role as Bulwark renders them for {@code ci: external}, and
   * another ServiceAccount of the CI namespace without the right.
   */
  private static void promoterRights(KubernetesClient admin) {
    for (String account : List.of(APP + "-promoter", "builder")) {
      admin
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(account)
                  .withNamespace(CI)
                  .endMetadata()
                  .build())
          .serverSideApply();
    }
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName(APP + "-promoter")
                .withNamespace(CI)
                .endMetadata()
                .addNewRule()
                .withApiGroups("bulwark.dev")
                .withResources("applications/promote")
                .withResourceNames(APP)
                .withVerbs("create")
                .endRule()
                .build())
        .serverSideApply();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(APP + "-promoter")
                .withNamespace(CI)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", APP + "-promoter")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(APP + "-promoter")
                .withNamespace(CI)
                .endSubject()
                .build())
        .serverSideApply();
  }

  private static String token(KubernetesClient admin, String account) {
    return admin
        .serviceAccounts()
        .inNamespace(CI)
        .withName(account)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus()
        .getToken();
  }
}
