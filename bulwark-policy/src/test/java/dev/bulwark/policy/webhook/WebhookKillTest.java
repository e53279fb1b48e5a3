package dev.bulwark.policy.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission webhook killed with SIGKILL and started again while the API server sends it a
 * steady stream of Pod admissions, through two bindings: one fail-closed, one fail-open. Every
 * request gets an answer, and it is the configured one: where the binding fails closed, no
 * violating Pod is ever admitted (while the webhook is down, compliant ones are refused too); where
 * it fails open, compliant Pods are always admitted and violating ones only while the webhook is
 * down. Once it serves again, violations are denied again in both.
 */
@RealApiServer
class WebhookKillTest {

  private static final String CONFIG = "bulwark-webhook-kill-test";
  private static final String LABEL = "bulwark.dev/webhook-kill-test";
  private static final String CLOSED = "webhook-kill-closed";
  private static final String OPEN = "webhook-kill-open";
  private static final int SENDERS = 6;

  /** The API server's webhook client may hold a connection or a decision this long at a switch. */
  private static final long MARGIN_NANOS = Duration.ofSeconds(3).toNanos();

  enum Result {
    ADMITTED,
    DENIED_BY_POLICY,
    WEBHOOK_UNREACHABLE,
    OTHER
  }

  record Outcome(
      String namespace, boolean violating, long start, long end, Result result, String message) {}

  @TempDir Path dir;

  @Test
  void everyAdmissionGetsItsBindingsOutcomeWhileTheWebhookIsKilledAndRestarted(
      KubernetesClient admin, Config config) throws Exception {
    TestCertificates.create(dir);
    int port = freePort();
    Path log = dir.resolve("webhook.log");
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    // the client's own retries of a 5xx would wait for the webhook to come back and hide the
    // API server's answer: each admission is sent once
    KubernetesClient once =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build())
            .build();
    long killed;
    long servingAgain;
    WebhookProcess webhook = WebhookProcess.start(dir, port, log, Duration.ofSeconds(60));
    try {
      register(admin, port);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        int sender = i;
        running.add(senders.submit(() -> send(once, sender, sending, outcomes)));
      }
      Thread.sleep(4000);
      // taken before the kill: admissions in flight when the process dies end in a reset
      killed = System.nanoTime();
      webhook.close();
      Thread.sleep(4000);
      webhook = WebhookProcess.start(dir, port, log, Duration.ofSeconds(60));
      servingAgain = System.nanoTime();
      Thread.sleep(MARGIN_NANOS / 1_000_000 + 5000);
      sending.set(false);
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      senders.shutdownNow();
      once.close();
      webhook.close();
      admin
          .admissionRegistration()
          .v1()
          .validatingWebhookConfigurations()
          .withName(CONFIG)
          .delete();
      admin.namespaces().withName(CLOSED).delete();
      admin.namespaces().withName(OPEN).delete();
    }
    List<Outcome> all = List.copyOf(outcomes);
    long downFrom = killed;
    long downUntil = servingAgain + MARGIN_NANOS;
    Predicate<Outcome> inOutage = o -> o.end() >= downFrom && o.start() <= downUntil;
    Predicate<Outcome> before = o -> o.end() < downFrom;
    Predicate<Outcome> after = o -> o.start() > downUntil;
    System.out.printf(
        "WebhookKillTest: %d admissions; outage %d ms; %s%n",
        all.size(), (servingAgain - killed) / 1_000_000, summary(all));

    assertThat(all)
        .as("answers that are neither an admission nor a refusal")
        .noneMatch(o -> o.result() == Result.OTHER);
    // fail-closed: a violation never passes; a compliant Pod fails only while the webhook is down
    assertThat(all).noneMatch(o -> closed(o) && o.violating() && o.result() == Result.ADMITTED);
    assertThat(all)
        .filteredOn(o -> closed(o) && !o.violating() && o.result() != Result.ADMITTED)
        .allMatch(o -> o.result() == Result.WEBHOOK_UNREACHABLE && inOutage.test(o));
    // fail-open: compliant Pods always pass; a violation passes only while the webhook is down
    assertThat(all).noneMatch(o -> !closed(o) && !o.violating() && o.result() != Result.ADMITTED);
    assertThat(all)
        .filteredOn(o -> !closed(o) && o.violating() && o.result() == Result.ADMITTED)
        .allMatch(inOutage);
    // the kill did hit the load, and the webhook judged again after its restart
    assertThat(all).anyMatch(o -> closed(o) && o.result() == Result.WEBHOOK_UNREACHABLE);
    assertThat(all).anyMatch(o -> !closed(o) && o.violating() && o.result() == Result.ADMITTED);
    for (Predicate<Outcome> judged : List.of(before, after)) {
      assertThat(all)
          .filteredOn(judged)
          .filteredOn(Outcome::violating)
          .isNotEmpty()
          .allMatch(o -> o.result() == Result.DENIED_BY_POLICY);
    }
  }

  private static boolean closed(Outcome o) {
    return o.namespace().equals(CLOSED);
  }

  private static Map<String, Long> summary(List<Outcome> all) {
    var counts = new java.util.TreeMap<String, Long>();
    all.forEach(
        o ->
            counts.merge(
                o.namespace() + (o.violating() ? "/violating/" : "/compliant/") + o.result(),
                1L,
                Long::sum));
    return counts;
  }

  private static void send(
      KubernetesClient admin, int sender, AtomicBoolean sending, List<Outcome> outcomes) {
    for (int n = 0; sending.get(); n++) {
      String namespace = (n + sender) % 2 == 0 ? CLOSED : OPEN;
      boolean violating = (n / 2 + sender) % 2 == 0;
      Pod pod = pod("p" + sender + "-" + n, violating);
      long start = System.nanoTime();
      Result result;
      String message = "";
      try {
        admin.pods().inNamespace(namespace).resource(pod).dryRun().create();
        result = Result.ADMITTED;
      } catch (KubernetesClientException e) {
        message = String.valueOf(e.getMessage());
        result = classify(e.getCode(), message);
      }
      outcomes.add(new Outcome(namespace, violating, start, System.nanoTime(), result, message));
    }
  }

  private static Result classify(int code, String message) {
    if (message.contains("failed calling webhook")) {
      return Result.WEBHOOK_UNREACHABLE;
    }
    if (code == 403 && message.contains("denied the request")) {
      return Result.DENIED_BY_POLICY;
    }
    return Result.OTHER;
  }

  private static Pod pod(String name, boolean violating) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withHostNetwork(violating ? true : null)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/app@sha256:" + "0".repeat(64))
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

  private void register(KubernetesClient admin, int port) throws Exception {
    String ca =
        Base64.getEncoder()
            .encodeToString(
                Files.readString(dir.resolve("tls.crt")).getBytes(StandardCharsets.UTF_8));
    for (String ns : List.of(CLOSED, OPEN)) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .addToLabels(LABEL, ns)
                  .endMetadata()
                  .build())
          .serverSideApply();
    }
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
                    binding("closed", CLOSED, "Fail", port, ca),
                    binding("open", OPEN, "Ignore", port, ca))
                .build())
        .serverSideApply();
    // the API server picks a new webhook configuration up asynchronously
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (String ns : List.of(CLOSED, OPEN)) {
      String answer;
      while (!(answer = probe(admin, ns)).equals(Result.DENIED_BY_POLICY.name())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "the webhook did not start judging " + ns + " within 30 s; last answer: " + answer);
        }
        Thread.sleep(250);
      }
    }
  }

  /** DENIED_BY_POLICY once the webhook judges the namespace, else what the API server said. */
  private static String probe(KubernetesClient admin, String namespace) {
    try {
      admin.pods().inNamespace(namespace).resource(pod("probe", true)).dryRun().create();
      return "admitted";
    } catch (KubernetesClientException e) {
      Result result = classify(e.getCode(), String.valueOf(e.getMessage()));
      String message = String.valueOf(e.getMessage());
      return result == Result.DENIED_BY_POLICY
          ? result.name()
          : message.substring(0, Math.min(300, message.length()));
    }
  }

  private static ValidatingWebhook binding(
      String name, String namespace, String failurePolicy, int port, String ca) {
    return new ValidatingWebhookBuilder()
        .withName(name + ".kill-test.bulwark.dev")
        .withNewClientConfig()
        .withUrl("https://127.0.0.1:" + port + "/validate")
        .withCaBundle(ca)
        .endClientConfig()
        .addNewRule()
        .withApiGroups("")
        .withApiVersions("v1")
        .withOperations("CREATE")
        .withResources("pods")
        .withScope("Namespaced")
        .endRule()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of(LABEL, namespace))
        .endNamespaceSelector()
        .withFailurePolicy(failurePolicy)
        .withSideEffects("None")
        .withTimeoutSeconds(5)
        .withAdmissionReviewVersions("v1")
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
