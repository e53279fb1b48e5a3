package dev.bulwark.cli.scorecard;

import dev.bulwark.cli.Tables;
import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import java.util.ArrayList;
import java.util.List;

/** The scorecard as a table: one row per essential, its first not-ok fact and its next step. */
final class ScorecardTable {

  private ScorecardTable() {}

  static String render(Scorecard card, int failUnder) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("CATEGORY", "ESSENTIAL", "STATUS", "EVIDENCE", "NEXT STEP"));
    for (Line line : card.lines()) {
      Evidence first = line.evidence().isEmpty() ? null : line.evidence().get(0);
      rows.add(
          List.of(
              line.essential().category().id(),
              line.essential().id(),
              line.status().label(),
              first == null ? "-" : first.object() + ": " + first.fact(),
              line.nextStep().isEmpty() ? "-" : line.nextStep()));
    }
    StringBuilder text = new StringBuilder(Tables.render(rows)).append('\n');
    card.scoreByCategory()
        .forEach((c, score) -> text.append(c.title()).append(": ").append(score).append('\n'));
    text.append("overall: ")
        .append(card.overall())
        .append(" (")
        .append(card.source().label())
        .append(card.tenant().isEmpty() ? "" : ", tenant " + card.tenant())
        .append(")");
    if (card.overall() < failUnder) {
      text.append(", below --fail-under ").append(failUnder);
    }
    return text.append('\n').toString();
  }
}
