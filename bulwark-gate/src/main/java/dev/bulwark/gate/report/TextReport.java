package dev.bulwark.gate.report;

import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Reason;
import java.util.Locale;

/** The decision for people: the outcome, then every reason, blocking ones first. */
public final class TextReport {

  private TextReport() {}

  public static String write(Decision decision) {
    StringBuilder out = new StringBuilder();
    out.append("gate ")
        .append(decision.outcome().toUpperCase(Locale.ROOT))
        .append(": ")
        .append(decision.policy().application())
        .append(" to ")
        .append(decision.policy().environment())
        .append(", image ")
        .append(decision.inputs().digest())
        .append(" (fails on ")
        .append(decision.policy().failOn().label())
        .append(" and above; ")
        .append(decision.findings().size())
        .append(" finding(s), ")
        .append(decision.inputs().components().size())
        .append(" component(s))\n");
    for (Reason.Verdict verdict : Reason.Verdict.values()) {
      var reasons = decision.reasons(verdict);
      if (reasons.isEmpty()) {
        continue;
      }
      out.append('\n')
          .append(verdict.name().toLowerCase(Locale.ROOT))
          .append(" (")
          .append(reasons.size())
          .append("):\n");
      for (Reason r : reasons) {
        out.append("  [").append(r.rule()).append("] ").append(r.message()).append('\n');
      }
    }
    long below = decision.findings().size() - decision.reasonsByFinding().size();
    if (below > 0) {
      out.append('\n')
          .append(below)
          .append(" finding(s) below ")
          .append(decision.policy().failOn().label())
          .append(" do not block\n");
    }
    return out.toString();
  }
}
