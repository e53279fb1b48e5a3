package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PrometheusRule Bulwark renders (all example profiles and the acme example) is accepted by
 * Prometheus' own {@code promtool check rules}, and the availability and burn-rate alerts behave as
 * their objective says under {@code promtool test rules}, on input series worked out by hand.
 */
@ExtendWith(EngineReport.class)
class PromtoolRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ALERT = "AvailabilityBelowObjective";

  /** The selector and objective of the rendered availability expression. */
  private static final Pattern AVAILABILITY =
      Pattern.compile(
          "avg_over_time\\(up\\{namespace=\"([^\"]+)\",service=\"([^\"]+)\"}\\[1h]\\) \\* 100 < ([0-9.]+)");

  record RuleFile(String source, String name, JsonNode spec) {
    @Override
    public String toString() {
      return source + ": " + name;
    }
  }

  static Stream<RuleFile> renderedRules() {
    List<RuleFile> rules = new ArrayList<>();
    for (String profile : Profiles.ALL) {
      rules.addAll(rules(profile, Profiles.state(profile)));
    }
    Path acme = SharedData.repoDir().resolve("examples/acme");
    if (Files.isDirectory(acme)) {
      rules.addAll(rules("acme", Renderer.standard().render(TestSpecs.directory(acme))));
    }
    return rules.stream();
  }

  private static List<RuleFile> rules(String source, DesiredState state) {
    List<RuleFile> rules = new ArrayList<>();
    for (DesiredObject o : state.objects()) {
      if (o.object().getKind().equals("PrometheusRule")) {
        JsonNode object = read(Manifests.toYaml(o.object()));
        rules.add(
            new RuleFile(
                source,
                o.object().getMetadata().getNamespace() + "/" + o.object().getMetadata().getName(),
                object.get("spec")));
      }
    }
    return rules;
  }

  @Test
  void theExamplesRenderAvailabilityRules() {
    assertThat(renderedRules()).as("PrometheusRules rendered by the examples").isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderedRules")
  void promtoolAcceptsTheRenderedRules(RuleFile rule, @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(rule.spec()));
    Engine.Run run = Engine.PROMTOOL.run(dir, "check", "rules", "rules.yaml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  /**
   * Scrapes every 10 seconds, so an hour holds 360 samples and a 99.5% objective allows 1.8 failed
   * scrapes: one failure in the hour keeps the service at 99.72% (no alert), two put it at 99.44%
   * (alert, once the condition has held for the rule's 5 minutes). Failures leave the hour-long
   * window an hour later, and the alert resolves.
   */
  @Test
  void availabilityAlertFiresBelowTheObjectiveOnly(@TempDir Path dir) throws Exception {
    RuleFile full = fullProfileRule();
    JsonNode rule = full.spec().path("groups").path(0).path("rules").path(0);
    Matcher expr = availability(rule);
    assertThat(expr.group(3)).as("the full profile's objective").isEqualTo("99.5");
    String selector = "{namespace=\"" + expr.group(1) + "\",service=\"" + expr.group(2) + "\"}";

    Map<String, Object> labels =
        new LinkedHashMap<>(YAML.convertValue(rule.path("labels"), Map.class));
    labels.put("namespace", expr.group(1));
    labels.put("service", expr.group(2));
    Map<String, Object> firing =
        Map.of(
            "exp_labels",
            labels,
            "exp_annotations",
            YAML.convertValue(rule.path("annotations"), Map.class));

    Map<String, Object> oneFailure =
        Map.of(
            "interval", "10s",
            // up from 0 to 130m, one failed scrape at 20m
            "input_series",
                List.of(Map.of("series", "up" + selector, "values", scrapes(130, 20 * 6))),
            "alert_rule_test", List.of(expect(70, List.of())));
    Map<String, Object> twoFailures =
        Map.of(
            "interval", "10s",
            // failed scrapes at 20m and 20m10s: below the objective from 20m (with less than an
            // hour of
            // history one failure is already 0.8%) until the first failure leaves the window at 80m
            "input_series",
                List.of(
                    Map.of("series", "up" + selector, "values", scrapes(130, 20 * 6, 20 * 6 + 1))),
            "alert_rule_test",
                List.of(
                    expect(19, List.of()),
                    expect(24, List.of()), // pending: below for less than 5 minutes
                    expect(26, List.of(firing)),
                    expect(70, List.of(firing)),
                    expect(82, List.of()))); // both failures have left the window
    Map<String, Object> down =
        Map.of(
            "interval", "30s",
            // a service that never comes up stays down, with its labels on the alert
            "input_series", List.of(Map.of("series", "up" + selector, "values", "0x240")),
            "alert_rule_test", List.of(expect(4, List.of()), expect(10, List.of(firing))));
    Map<String, Object> tests =
        Map.of(
            "rule_files", List.of("rules.yaml"),
            "evaluation_interval", "1m",
            "tests", List.of(oneFailure, twoFailures, down));

    Engine.Run run = testRules(dir, full.spec(), tests);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  /**
   * The burn-rate alerts of a 99.5% objective (a budget of 0.5% failed scrapes), on one scrape a
   * minute. A hard outage after six good hours: the ticket opens at its second failed minute (2 of
   * 363 over three days and 2 of 360 over six hours exceed 1×), the page at its fifth (5 of 60 over
   * an hour exceeds 14.4× = 7.2%; 4 of 60 does not). A slow burn of one failure in 50 minutes (2%)
   * opens the ticket (over 3× = 1.5% on 1 d and 2 h) and never pages. Ten bad minutes and a
   * recovery: the page stops once its 5-minute window is clean, while the hour still holds them.
   */
  @Test
  void burnRateAlertsPageOnAnOutageTicketOnASlowBurnAndStopWithTheBurning(@TempDir Path dir)
      throws Exception {
    RuleFile full = fullProfileRule();
    Matcher expr = availability(full.spec().path("groups").path(0).path("rules").path(0));
    assertThat(expr.group(3)).isEqualTo("99.5");
    String selector = "{namespace=\"" + expr.group(1) + "\",service=\"" + expr.group(2) + "\"}";
    JsonNode burn = full.spec().path("groups").path(1).path("rules");
    Map<String, Object> page = burning(burn.path(0), expr, "ErrorBudgetBurnFast");
    Map<String, Object> ticket = burning(burn.path(1), expr, "ErrorBudgetBurnSlow");

    Map<String, Object> outage =
        series(
            "up" + selector,
            "1x360 0x60",
            expect("ErrorBudgetBurnSlow", 361, List.of()),
            expect("ErrorBudgetBurnSlow", 362, List.of(ticket)),
            expect("ErrorBudgetBurnFast", 364, List.of()),
            expect("ErrorBudgetBurnFast", 365, List.of(page)));
    StringBuilder slow = new StringBuilder();
    for (int i = 0; i <= 300; i++) {
      slow.append(i == 0 ? "" : " ").append(i % 50 == 25 ? "0" : "1");
    }
    Map<String, Object> slowBurn =
        series(
            "up" + selector,
            slow.toString(),
            expect("ErrorBudgetBurnSlow", 300, List.of(ticket)),
            expect("ErrorBudgetBurnFast", 300, List.of()));
    Map<String, Object> recovery =
        series(
            "up" + selector,
            "1x360 0x9 1x60",
            expect("ErrorBudgetBurnFast", 370, List.of(page)),
            expect("ErrorBudgetBurnFast", 374, List.of(page)),
            expect("ErrorBudgetBurnFast", 376, List.of()));
    Map<String, Object> tests =
        Map.of(
            "rule_files",
            List.of("rules.yaml"),
            "evaluation_interval",
            "1m",
            "tests",
            List.of(outage, slowBurn, recovery));

    Engine.Run run = testRules(dir, full.spec(), tests);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  /** The alert as promtool should see it firing: its labels, the Service's, its annotations. */
  private static Map<String, Object> burning(JsonNode rule, Matcher expr, String alert) {
    assertThat(rule.path("alert").asText()).isEqualTo(alert);
    Map<String, Object> labels =
        new LinkedHashMap<>(YAML.convertValue(rule.path("labels"), Map.class));
    labels.put("namespace", expr.group(1));
    labels.put("service", expr.group(2));
    return Map.of(
        "exp_labels",
        labels,
        "exp_annotations",
        YAML.convertValue(rule.path("annotations"), Map.class));
  }

  @SafeVarargs
  private static Map<String, Object> series(
      String series, String values, Map<String, Object>... expectations) {
    return Map.of(
        "interval", "1m",
        "input_series", List.of(Map.of("series", series, "values", values)),
        "alert_rule_test", List.of(expectations));
  }

  private static Map<String, Object> expect(
      String alert, int minute, List<Map<String, Object>> alerts) {
    return Map.of("eval_time", minute + "m", "alertname", alert, "exp_alerts", alerts);
  }

  @Test
  void promtoolRejectsAWrongExpectation(@TempDir Path dir) throws Exception {
    // Guards the test above: promtool must fail when an expected alert does not fire.
    RuleFile full = fullProfileRule();
    Matcher expr = availability(full.spec().path("groups").path(0).path("rules").path(0));
    String selector = "{namespace=\"" + expr.group(1) + "\",service=\"" + expr.group(2) + "\"}";
    Map<String, Object> tests =
        Map.of(
            "rule_files", List.of("rules.yaml"),
            "tests",
                List.of(
                    Map.of(
                        "interval", "10s",
                        "input_series",
                            List.of(
                                Map.of("series", "up" + selector, "values", scrapes(130, 20 * 6))),
                        "alert_rule_test",
                            List.of(
                                expect(
                                    70,
                                    List.of(
                                        Map.of("exp_labels", Map.of("severity", "critical"))))))));
    Engine.Run run = testRules(dir, full.spec(), tests);
    assertThat(run.exitCode()).as(run.output()).isNotZero();
  }

  /** {@code promtool test rules} of {@code tests} on the rule groups {@code spec}. */
  private static Engine.Run testRules(Path dir, JsonNode spec, Map<String, Object> tests)
      throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(spec));
    Files.writeString(dir.resolve("tests.yaml"), YAML.writeValueAsString(tests));
    return Engine.PROMTOOL.run(dir, "test", "rules", "tests.yaml");
  }

  private static RuleFile fullProfileRule() {
    // the first application's objective; the scorecard's rule is ScorecardRulesTest's
    return renderedRules()
        .filter(r -> r.source().equals("full") && !r.name().endsWith("/bulwark-scorecard"))
        .findFirst()
        .orElseThrow();
  }

  /** The rendered availability rule's expression, matched: namespace, service, objective. */
  private static Matcher availability(JsonNode rule) {
    assertThat(rule.path("alert").asText()).isEqualTo(ALERT);
    Matcher expr = AVAILABILITY.matcher(rule.path("expr").asText());
    assertThat(expr.matches()).as("availability expression %s", rule.path("expr")).isTrue();
    return expr;
  }

  private static Map<String, Object> expect(int minute, List<Map<String, Object>> alerts) {
    return Map.of("eval_time", minute + "m", "alertname", ALERT, "exp_alerts", alerts);
  }

  /** {@code up} every 10s for {@code minutes}, 1 except at the given sample indexes. */
  private static String scrapes(int minutes, int... failed) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i <= minutes * 6; i++) {
      int index = i;
      values
          .append(i == 0 ? "" : " ")
          .append(java.util.Arrays.stream(failed).anyMatch(f -> f == index) ? "0" : "1");
    }
    return values.toString();
  }

  private static JsonNode read(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
