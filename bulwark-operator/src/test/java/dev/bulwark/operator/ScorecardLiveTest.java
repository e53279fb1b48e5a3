package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ScorecardStatus;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.PolicyReportCrds;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.engines.Engine;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorecard the operator keeps, on a real API server: the Platform's {@code status.scorecard}
 * and the gauges on {@code /metrics}, scraped over HTTP, follow what the cluster shows.
 */
@RealApiServer
class ScorecardLiveTest {

  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static BulwarkOperator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) throws Exception {
    LiveFixture.installCrds(admin);
    PolicyReportCrds.install(admin);
    LiveFixture.ensurePlatform(admin);
    operator =
        BulwarkOperator.start(
            config,
            OperatorSettings.local("scorecard-live-test")
                .withHttpPort(0)
                .withScorecardInterval(Duration.ofSeconds(1)));
    LiveFixture.awaitReady(
        admin, admin.resource(LiveFixture.tenant("score", "dev")).create(), CONVERGE);
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void statusAndMetricsFollowTheClusterAndPromtoolAcceptsTheExposition(
      KubernetesClient admin, @TempDir Path dir) throws Exception {
    awaitLine(admin, "network-policies", "met");
    ScorecardStatus first = scorecard(admin).orElseThrow();
    assertThat(first.getEssentials()).hasSize(dev.bulwark.scorecard.Essentials.all().size());
    assertThat(first.getCategories())
        .extracting(ScorecardStatus.CategoryScore::getCategory)
        .contains("infrastructure", "security-and-compliance");
    assertThat(first.getOverall()).isBetween(0, 100);
    assertThat(line(first, "sast").getStatus()).isEqualTo("missing");
    awaitMetric("network-policies", "met", 1.0);
    assertThat(metric(scrape(), "sast", "missing")).isEqualTo(1.0);
    assertThat(metric(scrape(), "sast", "failing")).isEqualTo(0.0);

    // a blocking SAST result of the gate: nothing in the cluster restores it, the line fails
    admin.resource(gateReport()).serverSideApply();
    ScorecardStatus failing = awaitLine(admin, "sast", "failing");
    assertThat(line(failing, "sast").getEvidence()).contains("hard-coded credential");
    awaitMetric("sast", "failing", 1.0);
    assertThat(metric(scrape(), "sast", "missing")).isEqualTo(0.0);

    // the default deny is restored by drift repair, and the line is met again
    admin.network().networkPolicies().inNamespace("score-dev").delete();
    await()
        .atMost(CONVERGE)
        .until(
            () ->
                !admin
                    .network()
                    .networkPolicies()
                    .inNamespace("score-dev")
                    .list()
                    .getItems()
                    .isEmpty());
    awaitLine(admin, "network-policies", "met");

    String exposition = scrape();
    Path file = dir.resolve("metrics.txt");
    // only the scorecard's families: the JOSDK and client meters have no help text, which
    // promtool's lint reports, and they are not this test's
    Files.writeString(
        file,
        exposition
                .lines()
                .filter(l -> l.contains("bulwark_scorecard_"))
                .collect(java.util.stream.Collectors.joining("\n"))
            + "\n");
    Process promtool =
        new ProcessBuilder(Engine.PROMTOOL.require().toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor()).as(out).isZero();
    assertThat(exposition).contains("# TYPE bulwark_scorecard_essential_status gauge");
  }

  private static GenericKubernetesResource gateReport() {
    return Serialization.unmarshal(
        """
        apiVersion: wgpolicyk8s.io/v1alpha2
        kind: PolicyReport
        metadata:
          name: gate-shop-dev-0123456789ab
          namespace: score-dev
          labels: {bulwark.dev/tenant: score, bulwark.dev/application: shop}
        results:
        - {source: bulwark, policy: bulwark-gate, rule: sast-blocking, result: fail,
           severity: high, category: code, message: "src/Db.java:12: hard-coded credential"}
        """,
        GenericKubernetesResource.class);
  }

  private static ScorecardStatus awaitLine(
      KubernetesClient admin, String essential, String status) {
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                scorecard(admin)
                    .map(s -> line(s, essential))
                    .map(l -> status.equals(l.getStatus()))
                    .orElse(false));
    return scorecard(admin).orElseThrow();
  }

  private static Optional<ScorecardStatus> scorecard(KubernetesClient admin) {
    Platform platform = admin.resources(Platform.class).withName(LiveFixture.PLATFORM).get();
    return Optional.ofNullable(platform.getStatus()).map(s -> s.getScorecard());
  }

  private static ScorecardStatus.EssentialStatus line(ScorecardStatus card, String essential) {
    return card.getEssentials().stream()
        .filter(e -> e.getId().equals(essential))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitMetric(String essential, String status, double value) {
    await().atMost(CONVERGE).until(() -> metric(scrape(), essential, status) == value);
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + operator.httpPort().orElseThrow() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static double metric(String exposition, String essential, String status) {
    Matcher m =
        Pattern.compile(
                "(?m)^bulwark_scorecard_essential_status\\{[^}]*essential=\""
                    + Pattern.quote(essential)
                    + "\"[^}]*status=\""
                    + Pattern.quote(status)
                    + "\"[^}]*} (\\S+)$")
            .matcher(exposition);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
