package dev.bulwark.scorecard;

import java.util.List;
import java.util.Set;

/**
 * Judges a scan that only the gate's evidence shows (SAST, DAST): nothing in the cluster carries
 * it, the PolicyReports of gate decisions do. Offline there is no such evidence: missing.
 *
 * @param essential what is judged
 * @param categories the gate finding categories that speak for it
 * @param enable the next step when no gate decision carries them
 */
public record GateEvidenceJudge(Essential essential, Set<String> categories, String enable)
    implements Judge {

  /** The policy name of the gate's PolicyReport results. */
  public static final String GATE_POLICY = "bulwark-gate";

  @Override
  public Line judge(Observation observation) {
    if (observation.source() == Observation.Source.OFFLINE) {
      return missing("not seen offline: gate decisions are PolicyReports in the cluster");
    }
    List<Evidence> evidence = Checks.results(observation, true, categories);
    if (evidence.isEmpty()) {
      return missing("no gate decision carries " + String.join(" or ", categories) + " results");
    }
    boolean failed = evidence.stream().anyMatch(e -> !e.ok());
    return new Line(
        essential,
        failed ? Status.FAILING : Status.MET,
        evidence,
        failed ? "fix or waive the blocking findings the gate reports" : "");
  }

  private Line missing(String fact) {
    return new Line(
        essential, Status.MISSING, List.of(Evidence.notOk("gate evidence", fact)), enable);
  }
}
