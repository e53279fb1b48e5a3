package dev.bulwark.scorecard.report;

import dev.bulwark.scorecard.Category;
import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;

/**
 * The scorecard as one self-contained HTML file: inline CSS, inline SVG charts, no script and no
 * external URL, so it can be mailed, archived as a CI artefact or opened offline.
 */
public final class ScorecardHtml {

  private static final String CSS =
      """
      body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:70rem}
      table{border-collapse:collapse;width:100%;margin-bottom:2rem}
      th,td{border:1px solid #c8c8c8;padding:.4rem;text-align:left;vertical-align:top}
      th{background:#eef0f3}
      .status{font-weight:bold;text-transform:uppercase}
      .met{fill:#1a7f37;color:#1a7f37}.partial{fill:#9a6700;color:#9a6700}
      .missing{fill:#6e7781;color:#57606a}.failing{fill:#cf222e;color:#cf222e}
      .score{fill:#0969da}
      .sev-critical{fill:#82071e}.sev-high{fill:#cf222e}.sev-medium{fill:#bc4c00}
      .sev-low{fill:#9a6700}.sev-info{fill:#0969da}.sev-unrated{fill:#6e7781}
      svg text{font-size:13px;fill:#1b1b1b}
      ul{margin:0;padding-left:1.1rem}
      .not-ok{color:#cf222e}
      """;

  private ScorecardHtml() {}

  /**
   * The report.
   *
   * @param card the scorecard the report is about
   * @param findings each tenant's findings, for the findings chart; without tenants, no chart
   */
  public static String write(Scorecard card, TenantFindings findings) {
    String scope = card.tenant().isEmpty() ? "the platform" : "tenant " + card.tenant();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Bulwark scorecard: ")
        .append(Html.escape(scope))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>Bulwark scorecard: ")
        .append(Html.escape(scope))
        .append("</h1>\n<p>Overall <strong>")
        .append(card.overall())
        .append(" of 100</strong>, judged ")
        .append(card.source().label())
        .append(
            card.source().label().equals("offline")
                ? " from the spec and its rendered objects: met means configured, not observed."
                : " from the cluster.")
        .append("</p>\n<h2>Score per category</h2>\n")
        .append(SvgCharts.scoreByCategory(card));
    if (!findings.counts().isEmpty()) {
      html.append("<h2>Findings by severity over tenants</h2>\n<p>")
          .append(
              card.source().label().equals("offline")
                  ? "Offline: no PolicyReport was read, so no tenant has findings here."
                  : "Failed and warned results of the PolicyReports (policy audit, gate).")
          .append("</p>\n")
          .append(SvgCharts.findingsByTenant(findings));
    }
    for (Category category : Category.values()) {
      html.append(section(card, category));
    }
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  private static String section(Scorecard card, Category category) {
    StringBuilder html = new StringBuilder();
    html.append("<h2>")
        .append(Html.escape(category.title()))
        .append(" (")
        .append(card.scoreByCategory().getOrDefault(category, 0))
        .append(" of 100)</h2>\n<table>\n<thead><tr><th scope=\"col\">Essential</th>")
        .append("<th scope=\"col\">Status</th><th scope=\"col\">Evidence</th>")
        .append("<th scope=\"col\">Next step</th></tr></thead>\n<tbody>\n");
    for (Line line : card.lines()) {
      if (line.essential().category() != category) {
        continue;
      }
      html.append("<tr><th scope=\"row\">")
          .append(Html.escape(line.essential().title()))
          .append("</th><td class=\"status ")
          .append(line.status().label())
          .append("\">")
          .append(line.status().label())
          .append("</td><td><ul>");
      for (Evidence e : line.evidence()) {
        html.append(e.ok() ? "<li>" : "<li class=\"not-ok\">")
            .append(Html.escape(e.object()))
            .append(": ")
            .append(Html.escape(e.fact()))
            .append("</li>");
      }
      html.append("</ul></td><td>").append(Html.escape(line.nextStep())).append("</td></tr>\n");
    }
    return html.append("</tbody>\n</table>\n").toString();
  }
}
