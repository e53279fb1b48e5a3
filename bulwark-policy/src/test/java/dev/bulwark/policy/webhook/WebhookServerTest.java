package dev.bulwark.policy.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real AdmissionReview documents over real HTTPS. */
class WebhookServerTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static PolicyEngine engine;
  static TestCertificates certs;
  @TempDir static Path dir;

  WebhookServer server;
  HttpClient client;

  @BeforeAll
  static void certificates() throws Exception {
    certs = TestCertificates.create(dir);
  }

  @BeforeEach
  void start() throws Exception {
    server = start(WebhookConfig.FailurePolicy.FAIL, null);
    client =
        HttpClient.newBuilder()
            .sslContext(certs.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  WebhookServer start(WebhookConfig.FailurePolicy failurePolicy, CountDownLatch hold)
      throws Exception {
    return serve(certs, failurePolicy, hold);
  }

  /**
   * A webhook on loopback with the standard library at restricted; {@code hold}, when given, keeps
   * each decision until it opens.
   */
  static synchronized WebhookServer serve(
      TestCertificates certs, WebhookConfig.FailurePolicy failurePolicy, CountDownLatch hold)
      throws Exception {
    if (engine == null) {
      engine = PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
    }
    WebhookConfig config = certs.loopback(failurePolicy, Duration.ofSeconds(10));
    AdmissionHandler handler =
        new AdmissionHandler(
            engine,
            NamespaceLookup.fixed("restricted", "latest"),
            ExemptionFile.NONE,
            "bulwark-system",
            failurePolicy,
            Clock.systemUTC()) {};
    if (hold != null) {
      handler = new SlowHandler(handler, hold).wrapped();
    }
    return new WebhookServer(handler, config)
        .start(TlsContexts.server(config.certificate(), config.privateKey()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String review(String namespace, boolean dryRun, String object) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
           "kind": {"group": "", "version": "v1", "kind": "Pod"},
           "resource": {"group": "", "version": "v1", "resource": "pods"},
           "name": "app", "namespace": "%s", "operation": "CREATE",
           "userInfo": {"username": "alice", "groups": ["team-a-developers"]},
           "object": %s, "oldObject": null, "dryRun": %s}}
        """
        .formatted(namespace, object, dryRun);
  }

  static final String GOOD_POD =
      """
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "app", "namespace": "team-a-dev"},
       "spec": {"automountServiceAccountToken": false,
         "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
         "containers": [{"name": "app", "image": "registry.bulwark.example/team-a/app:1.0",
           "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
           "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]}}
      """;
  static final String PRIVILEGED_POD =
      GOOD_POD.replace(
          "\"allowPrivilegeEscalation\": false",
          "\"allowPrivilegeEscalation\": false, \"privileged\": true");

  HttpResponse<String> post(String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/validate"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String get(String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void aCompliantPodIsAllowed() throws Exception {
    JsonNode response =
        JSON.readTree(post(review("team-a-dev", false, GOOD_POD)).body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isTrue();
  }

  @Test
  void aPrivilegedPodIsDeniedWithTheReason() throws Exception {
    HttpResponse<String> http = post(review("team-a-dev", false, PRIVILEGED_POD));
    assertThat(http.statusCode()).isEqualTo(200);
    JsonNode response = JSON.readTree(http.body()).path("response");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText())
        .contains("[pss-privileged] containers must not set securityContext.privileged=true: app");
    assertThat(get("/metrics"))
        .contains(
            "bulwark_webhook_violations_total{policy=\"pss-privileged\",severity=\"critical\"} 1.0");
  }

  @Test
  void dryRunGetsTheSameAnswerButIsNotCountedAsAViolation() throws Exception {
    JsonNode response =
        JSON.readTree(post(review("team-a-dev", true, PRIVILEGED_POD)).body()).path("response");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    String metrics = get("/metrics");
    assertThat(metrics)
        .contains("bulwark_webhook_requests_total{dry_run=\"true\",result=\"denied\"} 1.0");
    assertThat(metrics).doesNotContain("bulwark_webhook_violations_total{");
  }

  @Test
  void warnPoliciesReturnWarnings() throws Exception {
    String deployment =
        """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "app", "namespace": "team-a-dev",
          "labels": {"bulwark.dev/tenant": "team-a", "app.kubernetes.io/name": "app"}},
         "spec": {"template": %s}}"""
            .formatted(GOOD_POD.replace("\"apiVersion\": \"v1\", \"kind\": \"Pod\", ", ""));
    JsonNode response =
        JSON.readTree(post(review("team-a-dev", false, deployment)).body()).path("response");
    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
    assertThat(response.path("warnings").toString())
        .contains(
            "[platform-probes] containers must declare readinessProbe and livenessProbe: app");
  }

  @Test
  void theWebhooksOwnNamespaceIsExempt() throws Exception {
    JsonNode response =
        JSON.readTree(post(review("bulwark-system", false, PRIVILEGED_POD)).body())
            .path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();
  }

  @Test
  void theFailurePolicyDecidesWhenAPolicyCannotBeEvaluated() throws Exception {
    String broken =
        "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"x\", "
            + "\"labels\": {\"bulwark.dev/tenant\": \"team-a\", \"app.kubernetes.io/name\": \"x\"}}, \"spec\": {}}";
    JsonNode denied =
        JSON.readTree(post(review("team-a-dev", false, broken)).body()).path("response");
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText()).contains("cannot evaluate");
    server.close();
    server = start(WebhookConfig.FailurePolicy.IGNORE, null);
    JsonNode allowed =
        JSON.readTree(post(review("team-a-dev", false, broken)).body()).path("response");
    assertThat(allowed.path("allowed").asBoolean()).as(allowed.toString()).isTrue();
    assertThat(allowed.path("warnings").get(0).asText())
        .contains("not enforced: failurePolicy Ignore");
  }

  @Test
  void malformedRequestsAreRejectedWithoutACrash() throws Exception {
    assertThat(post("{not json").statusCode()).isEqualTo(400);
    assertThat(post("{\"kind\": \"Pod\"}").statusCode()).isEqualTo(400);
    assertThat(post(review("team-a-dev", false, GOOD_POD)).statusCode()).isEqualTo(200);
  }

  @Test
  void healthAndMetricsAreServed() throws Exception {
    assertThat(get("/healthz")).isEqualTo("ok\n");
    assertThat(get("/readyz")).isEqualTo("ready\n");
    post(review("team-a-dev", false, GOOD_POD));
    assertThat(get("/metrics"))
        .contains("bulwark_webhook_requests_total{dry_run=\"false\",result=\"allowed\"} 1.0")
        .contains("bulwark_webhook_request_duration_seconds_bucket");
  }

  @Test
  void shutdownWaitsForRequestsInFlight() throws Exception {
    server.close();
    CountDownLatch hold = new CountDownLatch(1);
    server = start(WebhookConfig.FailurePolicy.FAIL, hold);
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post(review("team-a-dev", false, GOOD_POD));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(SlowHandler.entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    Thread.sleep(300);
    assertThat(closing).isNotDone();
    hold.countDown();
    closing.get(10, TimeUnit.SECONDS);
    HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("response").path("allowed").asBoolean())
        .isTrue();
  }
}
