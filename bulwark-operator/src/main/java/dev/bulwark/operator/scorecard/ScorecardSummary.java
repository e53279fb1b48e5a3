package dev.bulwark.operator.scorecard;

import dev.bulwark.api.v1alpha1.ScorecardStatus;
import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A scorecard summed up for the Platform's status: bounded, one short line per essential. */
final class ScorecardSummary {

  /** Evidence longer than this is cut: 23 essentials stay well inside an object's size. */
  static final int EVIDENCE_LIMIT = 200;

  private ScorecardSummary() {}

  static ScorecardStatus of(Scorecard card, Instant observedAt) {
    ScorecardStatus status = new ScorecardStatus();
    status.setOverall(card.overall());
    status.setObservedAt(observedAt.toString());
    List<ScorecardStatus.CategoryScore> categories = new ArrayList<>();
    card.scoreByCategory()
        .forEach((c, score) -> categories.add(new ScorecardStatus.CategoryScore(c.id(), score)));
    status.setCategories(categories);
    List<ScorecardStatus.EssentialStatus> essentials = new ArrayList<>();
    for (Line line : card.lines()) {
      essentials.add(
          new ScorecardStatus.EssentialStatus(
              line.essential().id(),
              line.essential().category().id(),
              line.status().label(),
              evidence(line)));
    }
    status.setEssentials(essentials);
    return status;
  }

  /** The first piece of evidence (the not-ok ones sort first), or the next step without any. */
  private static String evidence(Line line) {
    String text =
        line.evidence().isEmpty()
            ? line.nextStep()
            : describe(line.evidence().get(0)) + more(line.evidence().size());
    return text.length() <= EVIDENCE_LIMIT ? text : text.substring(0, EVIDENCE_LIMIT - 1) + "…";
  }

  private static String describe(Evidence evidence) {
    return evidence.object() + ": " + evidence.fact();
  }

  private static String more(int count) {
    return count > 1 ? " (+" + (count - 1) + " more)" : "";
  }
}
