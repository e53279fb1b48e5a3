package dev.bulwark.gate;

import java.util.List;
import java.util.Optional;

/**
 * Everything the gate read about one image: findings of every scanner, the SBOM's components, VEX
 * statements and the signature facts. A report that was not given is absent, which a rule that
 * needs it turns into a blocking reason.
 *
 * @param digest the image digest every report was checked to be about
 * @param findings the scanners' findings (vulnerabilities, code, secrets, DAST)
 * @param components the SBOM's components, empty if {@code sbom} is false
 * @param sbom whether an SBOM was read
 * @param vulnerabilityReport whether a vulnerability report was read
 * @param dast whether a DAST report was read
 * @param vex the VEX statements of every VEX document
 * @param signature the signature facts, if a facts file was given
 */
public record GateInputs(
    String digest,
    List<Finding> findings,
    List<Component> components,
    boolean sbom,
    boolean vulnerabilityReport,
    boolean dast,
    List<VexStatement> vex,
    Optional<SignatureFacts> signature) {

  public GateInputs {
    findings = List.copyOf(findings);
    components = List.copyOf(components);
    vex = List.copyOf(vex);
  }

  /** The same inputs with one more finding. */
  public GateInputs with(Finding finding) {
    List<Finding> more = new java.util.ArrayList<>(findings);
    more.add(finding);
    return new GateInputs(
        digest, more, components, sbom, vulnerabilityReport, dast, vex, signature);
  }
}
