package dev.bulwark.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Gate;
import dev.bulwark.gate.GateInputs;
import dev.bulwark.gate.GatePolicy;
import dev.bulwark.gate.Severity;
import dev.bulwark.gate.Waiver;
import dev.bulwark.spec.schema.Crd;
import dev.bulwark.spec.schema.SchemaValidator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyReportTest {

  static final String DIGEST = "sha256:" + "9f".repeat(32);

  static Decision decision() {
    return decision(false);
  }

  static Decision decision(boolean requireSignature) {
    LocalDate today = LocalDate.of(2026, 12, 3);
    List<Finding> findings =
        List.of(
            new Finding(
                Finding.Kind.VULNERABILITY,
                "CVE-2026-1",
                Set.of(),
                Severity.CRITICAL,
                "pkg:maven/org.example/lib@1.0",
                "",
                "grype.json",
                "fixed in 1.1"),
            new Finding(
                Finding.Kind.VULNERABILITY,
                "CVE-2026-2",
                Set.of(),
                Severity.HIGH,
                "pkg:maven/org.example/lib@1.0",
                "",
                "grype.json",
                ""),
            new Finding(
                Finding.Kind.CODE,
                "weak-hash",
                Set.of(),
                Severity.LOW,
                null,
                "src/A.java:3",
                "sast.sarif",
                "MD5"));
    GateInputs inputs =
        new GateInputs(DIGEST, findings, List.of(), true, true, false, List.of(), Optional.empty());
    GatePolicy policy =
        new GatePolicy(
            "payments/api",
            "prod",
            Severity.HIGH,
            requireSignature,
            false,
            Set.of("MIT"),
            List.of(new Waiver("CVE-2026-2", "not reachable", "team-payments", today, null)),
            today);
    return Gate.decide(inputs, policy);
  }

  static ObjectNode report() {
    return PolicyReportWriter.of(
        decision(), "payments-prod", Instant.parse("2026-12-03T10:15:30Z"));
  }

  @Test
  void theReportHasOneResultPerFindingAndOneForTheDecision() {
    JsonNode report = report();

    assertThat(report.at("/metadata/labels/bulwark.dev~1application").asText()).isEqualTo("api");
    assertThat(report.at("/metadata/labels/bulwark.dev~1environment").asText()).isEqualTo("prod");
    assertThat(report.at("/metadata/annotations/bulwark.dev~1image-digest").asText())
        .isEqualTo(DIGEST);
    assertThat(report.path("results")).hasSize(4);
    assertThat(report.path("results").findValuesAsText("result"))
        .containsExactly("fail", "warn", "pass", "fail");
    assertThat(report.at("/results/3/rule").asText()).isEqualTo("decision");
    assertThat(report.at("/summary/fail").asInt()).isEqualTo(2);
    assertThat(report.at("/summary/warn").asInt()).isEqualTo(1);
    assertThat(report.at("/summary/pass").asInt()).isEqualTo(1);
  }

  @Test
  void theReportIsValidAgainstTheUpstreamPolicyReportCrd() throws Exception {
    Crd crd = Crd.parse(KyvernoPolicyReportCrd.load());
    JsonNode schema = crd.version("v1alpha2").orElseThrow().schema();

    assertThat(crd.group()).isEqualTo("wgpolicyk8s.io");
    assertThat(crd.kind()).isEqualTo("PolicyReport");
    assertThat(SchemaValidator.structural().validateResource(schema, report())).isEmpty();
    ObjectNode withFact =
        PolicyReportWriter.of(
            decision(true), "payments-prod", Instant.parse("2026-12-03T10:15:30Z"));
    assertThat(withFact.path("results").findValuesAsText("rule")).contains("signature");
    assertThat(SchemaValidator.structural().validateResource(schema, withFact)).isEmpty();
    // The check has teeth: a result outside the CRD's enum is caught.
    ObjectNode broken = report();
    ((ObjectNode) broken.at("/results/0")).put("result", "blocked");
    assertThat(SchemaValidator.structural().validateResource(schema, broken)).isNotEmpty();
  }
}
