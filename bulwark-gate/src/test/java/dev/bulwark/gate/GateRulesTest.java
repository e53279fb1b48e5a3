package dev.bulwark.gate;

import static dev.bulwark.gate.Examples.DIGEST;
import static dev.bulwark.gate.Examples.TODAY;
import static dev.bulwark.gate.Examples.code;
import static dev.bulwark.gate.Examples.component;
import static dev.bulwark.gate.Examples.inputs;
import static dev.bulwark.gate.Examples.policy;
import static dev.bulwark.gate.Examples.secret;
import static dev.bulwark.gate.Examples.vuln;
import static dev.bulwark.gate.Examples.waiver;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gate.Reason.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateRulesTest {

  private static final String LIB = "pkg:maven/org.example/lib@1.2.3";

  @Test
  void aFindingAtOrAboveFailOnBlocksAndOneBelowDoesNot() {
    GateInputs in =
        inputs(
            List.of(vuln("CVE-2026-1", Severity.HIGH, LIB), code("weak-hash", Severity.MEDIUM)),
            List.of());

    Decision high = Gate.decide(in, policy(Severity.HIGH));
    assertThat(high.passed()).isFalse();
    assertThat(high.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(
            r -> assertThat(r.message()).contains("CVE-2026-1", LIB, "high", "fails on high"));

    assertThat(Gate.decide(in, policy(Severity.CRITICAL)).passed()).isTrue();
    assertThat(Gate.decide(in, policy(Severity.MEDIUM)).reasons(Verdict.BLOCKS)).hasSize(2);
  }

  @Test
  void aSecretBlocksWhateverItsSeverityAndNoWaiverLiftsIt() {
    Decision d =
        Gate.decide(
            inputs(List.of(secret("aws-access-key")), List.of()),
            policy(Severity.CRITICAL, waiver("aws-access-key", null, TODAY.plusDays(10))));

    assertThat(d.passed()).isFalse();
    assertThat(d.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rule()).isEqualTo("secret");
              assertThat(r.message()).contains("secrets cannot be waived");
            });
  }

  @Test
  void aLicenceOutsideTheAllowListBlocksUnlessAnAllowedBranchOfAnOrExists() {
    Decision d =
        Gate.decide(
            inputs(
                List.of(),
                List.of(
                    component("pkg:npm/a@1", "GPL-3.0-only"),
                    component("pkg:npm/b@1", "MIT OR GPL-3.0-only"),
                    component("pkg:npm/c@1", null))),
            policy(Severity.HIGH));

    assertThat(d.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("pkg:npm/a@1", "GPL-3.0-only"));
    assertThat(d.reasons(Verdict.NOTE))
        .anySatisfy(
            r -> assertThat(r.message()).startsWith("1 SBOM component(s) declare no licence"));
  }

  @Test
  void anActiveWaiverAcceptsTheFindingItNamesUntilItsLastDay() {
    GateInputs in = inputs(List.of(vuln("CVE-2026-1", Severity.CRITICAL, LIB)), List.of());
    Waiver w = waiver("CVE-2026-1", null, TODAY);

    Decision today = Gate.decide(in, policy(Severity.HIGH, w));
    assertThat(today.passed()).isTrue();
    assertThat(today.reasons(Verdict.WAIVED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("owner team-payments", "until " + TODAY));

    Decision tomorrow = Gate.decide(in, policy(Severity.HIGH, w).on(TODAY.plusDays(1)));
    assertThat(tomorrow.passed()).isFalse();
    assertThat(tomorrow.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).endsWith("expired"));
  }

  @Test
  void aWaiverForOneComponentLeavesTheSameVulnerabilityElsewhereBlocking() {
    Finding here = vuln("CVE-2026-1", Severity.HIGH, LIB);
    Finding there = vuln("CVE-2026-1", Severity.HIGH, "pkg:maven/org.other/tool@2.0");
    Decision d =
        Gate.decide(
            inputs(List.of(here, there), List.of()),
            policy(Severity.HIGH, waiver("CVE-2026-1", "pkg:maven/org.example/lib", TODAY)));

    assertThat(d.reasons(Verdict.WAIVED))
        .singleElement()
        .satisfies(r -> assertThat(r.finding()).contains(here));
    assertThat(d.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(r -> assertThat(r.finding()).contains(there));
  }

  @Test
  void aWaiverMatchesAnAliasAndOneThatMatchesNothingIsReported() {
    Finding ghsa =
        new Finding(
            Finding.Kind.VULNERABILITY,
            "GHSA-aaaa-bbbb-cccc",
            java.util.Set.of("CVE-2026-7"),
            Severity.HIGH,
            LIB,
            "",
            "grype.json",
            "");
    Decision d =
        Gate.decide(
            inputs(List.of(ghsa), List.of()),
            policy(
                Severity.HIGH,
                waiver("CVE-2026-7", null, TODAY),
                waiver("CVE-2026-8", null, TODAY)));

    assertThat(d.passed()).isTrue();
    assertThat(d.reasons(Verdict.NOTE))
        .anySatisfy(
            r -> assertThat(r.message()).contains("CVE-2026-8", "matches no blocking finding"));
  }

  @Test
  void aVexNotAffectedStatementClearsTheVulnerabilityButAnAffectedOneDoesNot() {
    Finding f = vuln("CVE-2026-1", Severity.CRITICAL, LIB);
    VexStatement notAffected =
        new VexStatement(
            "CVE-2026-1",
            "pkg:maven/org.example/lib",
            VexStatement.Status.NOT_AFFECTED,
            "vulnerable_code_not_in_execute_path",
            "app.openvex.json");
    VexStatement affected =
        new VexStatement("CVE-2026-1", null, VexStatement.Status.AFFECTED, "", "app.openvex.json");

    Decision cleared = Gate.decide(withVex(f, notAffected), policy(Severity.HIGH));
    assertThat(cleared.passed()).isTrue();
    assertThat(cleared.reasons(Verdict.CLEARED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("not_affected per app.openvex.json"));

    assertThat(Gate.decide(withVex(f, affected), policy(Severity.HIGH)).passed()).isFalse();
  }

  @Test
  void aRequiredSignatureBlocksWithoutVerifiedFactsAndPassesWithThem() {
    GatePolicy policy =
        new GatePolicy(
            "payments/api",
            "prod",
            Severity.HIGH,
            true,
            false,
            java.util.Set.of("MIT"),
            List.of(),
            TODAY);
    GateInputs none = inputs(List.of(), List.of());
    assertThat(Gate.decide(none, policy).reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("requires a verified signature"));

    SignatureFacts failed = new SignatureFacts(DIGEST, false, "", false, "facts.json");
    assertThat(Gate.decide(withFacts(failed), policy).passed()).isFalse();

    SignatureFacts ok = new SignatureFacts(DIGEST, true, "ci@acme.example.com", true, "facts.json");
    Decision d = Gate.decide(withFacts(ok), policy);
    assertThat(d.passed()).isTrue();
    assertThat(d.reasons(Verdict.PASSES))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("ci@acme.example.com"));
  }

  @Test
  void aMissingReportBlocks() {
    GatePolicy dast =
        new GatePolicy(
            "payments/api",
            "stage",
            Severity.HIGH,
            false,
            true,
            java.util.Set.of("MIT"),
            List.of(),
            TODAY);
    GateInputs nothing =
        new GateInputs(
            DIGEST, List.of(), List.of(), false, false, false, List.of(), Optional.empty());

    assertThat(Gate.decide(nothing, dast).reasons(Verdict.BLOCKS))
        .extracting(Reason::rule)
        .containsExactlyInAnyOrder("inputs", "inputs", "dast");
  }

  private static GateInputs withVex(Finding f, VexStatement statement) {
    return new GateInputs(
        DIGEST, List.of(f), List.of(), true, true, false, List.of(statement), Optional.empty());
  }

  private static GateInputs withFacts(SignatureFacts facts) {
    return new GateInputs(
        DIGEST, List.of(), List.of(), true, true, false, List.of(), Optional.of(facts));
  }
}
