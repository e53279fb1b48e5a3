package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Manifests;
import dev.bulwark.testkit.engines.Engine;
import dev.bulwark.testkit.engines.EngineReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts on the operator's scorecard series (ADR 0043) under Prometheus' own {@code promtool
 * test rules}, on series written by hand as the operator exposes them: a leader with the judgement
 * and a standby with NaN.
 */
@ExtendWith(EngineReport.class)
class ScorecardRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String NETPOL =
      "bulwark_scorecard_essential_status"
          + "{category=\"security-and-compliance\",essential=\"network-policies\"";

  @Test
  void aFailingEssentialAlertsAfterFifteenMinutesAndAScoreUnderSeventyAfterThirty(@TempDir Path dir)
      throws Exception {
    JsonNode spec = rule();
    JsonNode failing = alert(spec, "BulwarkEssentialFailing");
    JsonNode low = alert(spec, "BulwarkScorecardScoreLow");

    Map<String, Object> failingFires =
        expected(
            failing,
            Map.of(
                "category", "security-and-compliance",
                "essential", "network-policies"),
            Map.of(
                "{{ $labels.essential }}", "network-policies",
                "{{ $labels.category }}", "security-and-compliance"));
    Map<String, Object> lowFires = expected(low, Map.of(), Map.of("{{ $value }}", "60"));

    Map<String, Object> essential =
        Map.of(
            "interval", "1m",
            "input_series",
                List.of(
                    // the leader: met for 10 minutes, then failing for 30
                    series(NETPOL + ",status=\"failing\",pod=\"leader\"}", "0x10 1x30"),
                    series(NETPOL + ",status=\"met\",pod=\"leader\"}", "1x10 0x30"),
                    // the standby keeps no scorecard
                    series(NETPOL + ",status=\"failing\",pod=\"standby\"}", nan(41))),
            "alert_rule_test",
                List.of(
                    expect("BulwarkEssentialFailing", 10, List.of()),
                    // failing from minute 11: pending for 15 minutes
                    expect("BulwarkEssentialFailing", 25, List.of()),
                    expect("BulwarkEssentialFailing", 26, List.of(failingFires))));
    Map<String, Object> score =
        Map.of(
            "interval", "1m",
            "input_series",
                List.of(
                    series("bulwark_scorecard_overall_score{pod=\"leader\"}", "80x10 60x40"),
                    series("bulwark_scorecard_overall_score{pod=\"standby\"}", nan(51))),
            "alert_rule_test",
                List.of(
                    expect("BulwarkScorecardScoreLow", 10, List.of()),
                    expect("BulwarkScorecardScoreLow", 40, List.of()),
                    expect("BulwarkScorecardScoreLow", 41, List.of(lowFires))));
    Map<String, Object> healthy =
        Map.of(
            "interval", "1m",
            "input_series",
                List.of(
                    series(NETPOL + ",status=\"failing\",pod=\"leader\"}", "0x60"),
                    series("bulwark_scorecard_overall_score{pod=\"leader\"}", "70x60")),
            "alert_rule_test",
                List.of(
                    expect("BulwarkEssentialFailing", 60, List.of()),
                    // exactly at the threshold is not under it
                    expect("BulwarkScorecardScoreLow", 60, List.of())));

    Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(spec));
    Files.writeString(
        dir.resolve("tests.yaml"),
        YAML.writeValueAsString(
            Map.of(
                "rule_files", List.of("rules.yaml"),
                "evaluation_interval", "1m",
                "tests", List.of(essential, score, healthy))));
    Engine.Run check = Engine.PROMTOOL.run(dir, "check", "rules", "rules.yaml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    Engine.Run run = Engine.PROMTOOL.run(dir, "test", "rules", "tests.yaml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertCarriesASummaryAndARunbook() throws Exception {
    for (JsonNode rule : rule().path("groups").path(0).path("rules")) {
      assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      assertThat(rule.path("annotations").path("runbook").asText())
          .as(rule.path("alert").asText())
          .contains("bulwark scorecard --live");
      assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
    }
  }

  /** The rendered rule's spec in the full profile (which has the metrics component). */
  private static JsonNode rule() throws Exception {
    DesiredObject rule =
        Profiles.state("full").objects().stream()
            .filter(o -> o.object().getKind().equals("PrometheusRule"))
            .filter(o -> o.object().getMetadata().getName().equals("bulwark-scorecard"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no PrometheusRule bulwark-scorecard"));
    return YAML.readTree(Manifests.toYaml(rule.object())).path("spec");
  }

  private static JsonNode alert(JsonNode spec, String name) {
    for (JsonNode rule : spec.path("groups").path(0).path("rules")) {
      if (rule.path("alert").asText().equals(name)) {
        return rule;
      }
    }
    throw new AssertionError("no alert " + name + " in " + spec);
  }

  /** The alert as promtool shows it firing: its labels, the series', its templates expanded. */
  private static Map<String, Object> expected(
      JsonNode rule, Map<String, String> seriesLabels, Map<String, String> templates) {
    Map<String, Object> labels =
        new LinkedHashMap<>(YAML.convertValue(rule.path("labels"), Map.class));
    labels.putAll(seriesLabels);
    Map<String, Object> annotations = new LinkedHashMap<>();
    rule.path("annotations")
        .properties()
        .forEach(
            e -> {
              String text = e.getValue().asText();
              for (Map.Entry<String, String> t : templates.entrySet()) {
                text = text.replace(t.getKey(), t.getValue());
              }
              annotations.put(e.getKey(), text);
            });
    return Map.of("exp_labels", labels, "exp_annotations", annotations);
  }

  /** {@code count} NaN samples: a gauge of a replica that keeps no scorecard. */
  private static String nan(int count) {
    return String.join(" ", java.util.Collections.nCopies(count, "NaN"));
  }

  private static Map<String, Object> series(String series, String values) {
    return Map.of("series", series, "values", values);
  }

  private static Map<String, Object> expect(
      String alert, int minute, List<Map<String, Object>> alerts) {
    return Map.of("eval_time", minute + "m", "alertname", alert, "exp_alerts", alerts);
  }
}
