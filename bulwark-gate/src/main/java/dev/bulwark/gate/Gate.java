package dev.bulwark.gate;

import dev.bulwark.catalog.LicenseExpression;
import dev.bulwark.gate.Reason.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision: a pure function of the inputs and the policy (the day included), no I/O. Each
 * finding adds at most one reason and only blocking reasons block, so more findings can never turn
 * a block into a pass; a waiver only touches the findings it names, and only up to its expiry.
 */
public final class Gate {

  private Gate() {}

  public static Decision decide(GateInputs inputs, GatePolicy policy) {
    List<Reason> reasons = new ArrayList<>();
    Set<Waiver> used = new HashSet<>();
    List<Finding> findings = new ArrayList<>(inputs.findings());
    findings.addAll(licenceFindings(inputs, policy, reasons));
    for (Finding finding : findings) {
      judge(finding, inputs, policy, used).ifPresent(reasons::add);
    }
    requiredInputs(inputs, policy, reasons);
    signature(inputs, policy, reasons);
    for (Waiver waiver : policy.waivers()) {
      if (!used.contains(waiver)) {
        reasons.add(
            Reason.of(Verdict.NOTE, "waiver", waiver.describe() + " matches no blocking finding"));
      }
    }
    return new Decision(policy, inputs, findings, reasons);
  }

  /** One finding's reason, or none when it is below the threshold. */
  private static Optional<Reason> judge(
      Finding finding, GateInputs inputs, GatePolicy policy, Set<Waiver> used) {
    if (finding.kind() == Finding.Kind.SECRET) {
      // A leaked secret stays leaked whatever a waiver says: it must be rotated and removed.
      String waived =
          policy.waivers().stream()
              .filter(w -> w.names(finding))
              .peek(used::add)
              .map(w -> "; " + w.describe() + " does not apply: secrets cannot be waived")
              .findFirst()
              .orElse("");
      return Optional.of(
          Reason.blocks(
              "secret",
              finding.subject() + ": secret findings always block; rotate the secret" + waived,
              finding));
    }
    Optional<VexStatement> vex =
        inputs.vex().stream().filter(v -> v.names(finding) && v.status().clears()).findFirst();
    boolean relevant =
        finding.kind() == Finding.Kind.LICENCE || finding.severity().atLeast(policy.failOn());
    if (!relevant) {
      return Optional.empty();
    }
    if (vex.isPresent()) {
      return Optional.of(
          new Reason(
              Verdict.CLEARED,
              "vex",
              finding.subject()
                  + " ("
                  + finding.severity().label()
                  + "): "
                  + vex.get().status().name().toLowerCase(java.util.Locale.ROOT)
                  + " per "
                  + vex.get().source()
                  + (vex.get().justification().isEmpty()
                      ? ""
                      : " (" + vex.get().justification() + ")"),
              Optional.of(finding)));
    }
    return Optional.of(waiverOrBlock(finding, policy, used));
  }

  private static Reason waiverOrBlock(Finding finding, GatePolicy policy, Set<Waiver> used) {
    String rule = finding.kind() == Finding.Kind.LICENCE ? "licence" : "severity";
    String what =
        finding.kind() == Finding.Kind.LICENCE
            ? finding.subject() + ": " + finding.title()
            : finding.subject()
                + " ("
                + finding.severity().label()
                + ", fails on "
                + policy.failOn().label()
                + " and above)"
                + (finding.title().isEmpty() ? "" : ": " + finding.title());
    String expired = "";
    for (Waiver waiver : policy.waivers()) {
      if (waiver.names(finding)) {
        used.add(waiver);
        if (waiver.activeOn(policy.today())) {
          return new Reason(
              Verdict.WAIVED,
              rule,
              what + "; accepted by " + waiver.describe(),
              Optional.of(finding));
        }
        expired = "; " + waiver.describe() + " expired";
      }
    }
    return Reason.blocks(rule, what + expired, finding);
  }

  private static List<Finding> licenceFindings(
      GateInputs inputs, GatePolicy policy, List<Reason> reasons) {
    List<Finding> findings = new ArrayList<>();
    int undeclared = 0;
    for (Component component : inputs.components()) {
      if (component.licence().isEmpty()) {
        undeclared++;
        continue;
      }
      LicenseExpression licence = component.licence().get();
      for (String id : licence.unmet(policy.allowedLicences())) {
        findings.add(
            new Finding(
                Finding.Kind.LICENCE,
                id,
                Set.of(),
                Severity.HIGH,
                component.purl(),
                "",
                "",
                "licence " + licence + " needs " + id + ", which is not on the allow-list"));
      }
    }
    if (undeclared > 0) {
      reasons.add(
          Reason.of(
              Verdict.NOTE,
              "licence",
              undeclared + " SBOM component(s) declare no licence; the licence rule skips them"));
    }
    return findings;
  }

  private static void requiredInputs(GateInputs inputs, GatePolicy policy, List<Reason> reasons) {
    if (!inputs.vulnerabilityReport()) {
      reasons.add(
          Reason.blocks(
              "inputs", "no vulnerability report: the image's vulnerabilities are unknown", null));
    }
    if (!inputs.sbom()) {
      reasons.add(
          Reason.blocks("inputs", "no SBOM: the components' licences cannot be checked", null));
    }
    if (policy.requireDast() && !inputs.dast()) {
      reasons.add(
          Reason.blocks(
              "dast", "environment " + policy.environment() + " requires a DAST report", null));
    }
  }

  private static void signature(GateInputs inputs, GatePolicy policy, List<Reason> reasons) {
    Optional<SignatureFacts> facts = inputs.signature();
    if (facts.isPresent() && facts.get().signatureVerified()) {
      String signer =
          facts.get().signer().isEmpty() ? "" : " (signer " + facts.get().signer() + ")";
      reasons.add(
          Reason.of(
              policy.requireSignature() ? Verdict.PASSES : Verdict.NOTE,
              "signature",
              "signature of " + inputs.digest() + " verified" + signer));
    } else if (policy.requireSignature()) {
      reasons.add(
          Reason.blocks(
              "signature",
              facts.isEmpty()
                  ? "environment "
                      + policy.environment()
                      + " requires a verified signature, and no signature facts were given"
                  : "signature of "
                      + inputs.digest()
                      + " did not verify ("
                      + facts.get().source()
                      + ")",
              null));
    }
    if (facts.isPresent()) {
      reasons.add(
          Reason.of(
              Verdict.NOTE,
              "provenance",
              "provenance attestation "
                  + (facts.get().provenanceVerified() ? "verified" : "not verified")));
    }
  }
}
