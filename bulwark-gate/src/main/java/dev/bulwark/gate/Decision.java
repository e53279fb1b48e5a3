package dev.bulwark.gate;

import java.util.Comparator;
import java.util.List;

/**
 * The gate's answer for one image, application and environment, with every reason behind it.
 *
 * @param policy the policy it was judged by
 * @param inputs what was judged
 * @param findings every finding judged: the scanners' and the licence rule's
 * @param reasons every reason, blocking ones first
 */
public record Decision(
    GatePolicy policy, GateInputs inputs, List<Finding> findings, List<Reason> reasons) {

  private static final Comparator<Reason> ORDER =
      Comparator.comparing(Reason::verdict)
          .thenComparing(r -> r.finding().map(f -> f.severity().ordinal()).orElse(-1))
          .thenComparing(Reason::rule)
          .thenComparing(Reason::message);

  public Decision {
    findings = List.copyOf(findings);
    reasons = reasons.stream().sorted(ORDER).toList();
  }

  /**
   * The reason about each finding that has one (by identity: two scanners may report equal
   * findings); a finding below the threshold has none.
   */
  public java.util.Map<Finding, Reason> reasonsByFinding() {
    java.util.Map<Finding, Reason> map = new java.util.IdentityHashMap<>();
    reasons.forEach(r -> r.finding().ifPresent(f -> map.put(f, r)));
    return map;
  }

  /** Whether the release may go ahead: no reason blocks it. */
  public boolean passed() {
    return reasons.stream().noneMatch(Reason::blocking);
  }

  /** {@code pass} or {@code block}. */
  public String outcome() {
    return passed() ? "pass" : "block";
  }

  /** The reasons with this verdict. */
  public List<Reason> reasons(Reason.Verdict verdict) {
    return reasons.stream().filter(r -> r.verdict() == verdict).toList();
  }

  /** 0 when it passed, 1 when it blocked (2, bad input, never reaches a decision). */
  public int exitCode() {
    return passed() ? 0 : 1;
  }
}
