package dev.bulwark.console;

import static dev.bulwark.console.Html.link;
import static dev.bulwark.console.Html.text;

import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.report.SvgCharts;
import java.util.List;

/**
 * The platform's scorecard for platform engineers: the score per category as bulwark-scorecard's
 * own SVG chart, one row per essential, and a page per essential with its evidence.
 */
final class ScorecardPages {

  private ScorecardPages() {}

  static String scorecard(Scorecard card) {
    return "<p>Overall <strong>"
        + card.overall()
        + " of 100</strong>, judged from the cluster.</p>\n"
        + "<h2>Score per category</h2>\n"
        + "<figure>"
        + SvgCharts.scoreByCategory(card)
        + "</figure>\n"
        + Html.table(
            "Essentials",
            List.of("Essential", "Category", "Status", "Next step"),
            Html.rows(
                card.lines(),
                l ->
                    List.of(
                        link(path(l), l.essential().title()),
                        text(l.essential().category().title()),
                        status(l),
                        text(l.nextStep()))));
  }

  /** One essential: its status, next step and every fact behind it, the ones not ok first. */
  static String essential(Line line) {
    return "<p>"
        + link("/scorecard", "Back to the scorecard")
        + "</p>\n<p>"
        + text(line.essential().category().title())
        + ": "
        + status(line)
        + (line.nextStep().isEmpty() ? "" : ". Next step: " + text(line.nextStep()))
        + "</p>\n"
        + (line.evidence().isEmpty()
            ? "<p>No evidence.</p>\n"
            : Html.table(
                "Evidence",
                List.of("Object", "Fact", "Speaks for it"),
                Html.rows(
                    line.evidence(),
                    (Evidence e) ->
                        List.of(text(e.object()), text(e.fact()), e.ok() ? "yes" : "no"))));
  }

  static String path(Line line) {
    return "/scorecard/" + line.essential().id();
  }

  private static String status(Line line) {
    return "<strong class=\"status "
        + line.status().label()
        + "\">"
        + text(line.status().label())
        + "</strong>";
  }
}
