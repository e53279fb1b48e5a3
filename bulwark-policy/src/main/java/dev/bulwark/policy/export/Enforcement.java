package dev.bulwark.policy.export;

/**
 * Who acts on a violation at admission. With ValidatingAdmissionPolicies in the cluster the API
 * server already denies; Gatekeeper or Kyverno beside them would deny the same request a second
 * time through a webhook that can time out or be down, so there they only audit (see
 * docs/adr/0012-vap-enforces-engines-audit.md).
 */
public enum Enforcement {
  /** Deny (or warn, for policies whose action is warn) at admission. */
  ENFORCE,
  /**
   * Record violations only: Gatekeeper's {@code dryrun} (its audit controller reports them in each
   * Constraint's status), Kyverno's {@code Audit} (policy reports), and a webhook that fails open.
   */
  AUDIT
}
