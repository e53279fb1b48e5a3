package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.Exemption;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.yaml.Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit as wg-policy reports: one per namespace, a result per policy and object. */
class PolicyReportsTest {

  private static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

  private static Policy policy(Policy.Action action) {
    return PolicyLibrary.standard().select(PolicyLibrary.Selection.ALL).stream()
        .filter(p -> p.action() == action)
        .findFirst()
        .orElseThrow();
  }

  private static ObjectResult object(String namespace, String name, Policy p, Finding... found) {
    return new ObjectResult(
        new Location("cluster", 1, 1),
        "Deployment",
        namespace,
        name,
        List.of(p.id()),
        List.of(found));
  }

  @Test
  void eachNamespaceGetsOneReportAndClusterScopedObjectsTheClusterReport() {
    Policy deny = policy(Policy.Action.DENY);
    AuditReport report =
        new AuditReport(
            List.of(deny),
            List.of(
                object("b-dev", "web", deny, new Finding(deny, 0, "bad", false, null)),
                object("a-dev", "api", deny),
                new ObjectResult(
                    new Location("cluster", 1, 1),
                    "Namespace",
                    "",
                    "a-dev",
                    List.of(deny.id()),
                    List.of())),
            List.of());

    List<ObjectNode> reports = PolicyReports.of(report, Map.of("a-dev", "a")::get, NOW);

    assertThat(reports)
        .extracting(r -> r.path("kind").asText() + " " + r.at("/metadata/namespace").asText(""))
        .containsExactly("PolicyReport a-dev", "PolicyReport b-dev", "ClusterPolicyReport ");
    assertThat(reports)
        .allSatisfy(r -> assertThat(r.at("/metadata/name").asText()).isEqualTo("bulwark-audit"));
    assertThat(reports.get(0).at("/metadata/labels/bulwark.dev~1tenant").asText()).isEqualTo("a");
    assertThat(reports.get(1).at("/metadata/labels").has("bulwark.dev/tenant")).isFalse();
    JsonNode failed = reports.get(1).at("/results/0");
    assertThat(failed.path("result").asText()).isEqualTo("fail");
    assertThat(failed.path("policy").asText()).isEqualTo(deny.id());
    assertThat(failed.path("severity").asText()).isEqualTo(deny.severity().label());
    assertThat(failed.path("message").asText()).isEqualTo("bad");
    assertThat(failed.at("/resources/0/name").asText()).isEqualTo("web");
    assertThat(reports.get(1).at("/summary/fail").asInt()).isEqualTo(1);
    assertThat(reports.get(0).at("/results/0/result").asText()).isEqualTo("pass");
    assertThat(reports.get(0).at("/summary/pass").asInt()).isEqualTo(1);
  }

  @Test
  void theOutcomeIsTheWorstCountingFinding() {
    Policy deny = policy(Policy.Action.DENY);
    Policy warn = policy(Policy.Action.WARN);
    Finding denied = new Finding(deny, 0, "x", false, null);
    Finding error = new Finding(deny, -1, "x", true, null);
    Finding warned = new Finding(warn, 0, "x", false, null);
    Finding exempted = denied.exempt(Exemption.annotation("accepted risk"));

    assertThat(PolicyReports.outcome(List.of())).isEqualTo("pass");
    assertThat(PolicyReports.outcome(List.of(exempted))).isEqualTo("skip");
    assertThat(PolicyReports.outcome(List.of(warned))).isEqualTo("warn");
    assertThat(PolicyReports.outcome(List.of(warned, denied))).isEqualTo("fail");
    assertThat(PolicyReports.outcome(List.of(denied, error))).isEqualTo("error");
    assertThat(PolicyReports.outcome(List.of(exempted, warned))).isEqualTo("warn");
  }
}
