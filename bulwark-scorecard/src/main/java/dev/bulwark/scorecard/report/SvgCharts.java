package dev.bulwark.scorecard.report;

import dev.bulwark.scorecard.Category;
import dev.bulwark.scorecard.Scorecard;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as inline SVG, drawn here rather than by a script (ADR 0031): the file opens
 * anywhere, offline, with nothing to load. Each chart has a title and a description for screen
 * readers, and every bar carries its number as text.
 */
public final class SvgCharts {

  static final int WIDTH = 640;
  private static final int LABEL = 200;
  private static final int BAR = 22;
  private static final int GAP = 10;

  private SvgCharts() {}

  /** Horizontal bars, one per category, 0 to 100. */
  public static String scoreByCategory(Scorecard card) {
    Map<Category, Integer> scores = card.scoreByCategory();
    StringBuilder desc = new StringBuilder();
    StringBuilder bars = new StringBuilder();
    int y = 0;
    int span = WIDTH - LABEL - 60;
    for (Map.Entry<Category, Integer> e : scores.entrySet()) {
      desc.append(e.getKey().title()).append(' ').append(e.getValue()).append(" of 100. ");
      bars.append(label(y, e.getKey().title()))
          .append(rect(LABEL, y, span * e.getValue() / 100, "score"))
          .append(text(LABEL + span * e.getValue() / 100 + 6, y, e.getValue() + "%"));
      y += BAR + GAP;
    }
    return svg("chart-categories", "Score per category", desc.toString(), y, bars.toString());
  }

  /**
   * Stacked bars, one per tenant: its findings by severity, worst first, scaled to the tenant with
   * the most; each bar ends in its total and the description lists every count.
   */
  static String findingsByTenant(TenantFindings findings) {
    long most = 1;
    for (String tenant : findings.counts().keySet()) {
      most = Math.max(most, findings.total(tenant));
    }
    StringBuilder desc = new StringBuilder();
    StringBuilder bars = new StringBuilder();
    int y = 0;
    int span = WIDTH - LABEL - 60;
    for (String tenant : findings.counts().keySet()) {
      desc.append("Tenant ").append(tenant).append(':');
      bars.append(label(y, tenant));
      int x = LABEL;
      for (String severity : TenantFindings.SEVERITIES) {
        long n = findings.count(tenant, severity);
        desc.append(' ').append(n).append(' ').append(severity).append(',');
        int w = (int) (span * n / most);
        bars.append(rect(x, y, w, "sev-" + severity));
        x += w;
      }
      desc.setCharAt(desc.length() - 1, '.');
      desc.append(' ');
      bars.append(text(x + 6, y, String.valueOf(findings.total(tenant))));
      y += BAR + GAP;
    }
    return svg(
        "chart-tenants",
        "Findings by severity over tenants",
        desc.toString(),
        y + BAR + GAP,
        bars + legend(y));
  }

  private static String legend(int y) {
    StringBuilder legend = new StringBuilder();
    int x = 0;
    for (String severity : TenantFindings.SEVERITIES) {
      legend.append(rect(x, y, 14, "sev-" + severity)).append(text(x + 20, y, severity));
      x += 100;
    }
    return legend.toString();
  }

  private static String svg(String id, String title, String desc, int height, String body) {
    return String.format(
        Locale.ROOT,
        "<svg id=\"%1$s\" role=\"img\" aria-labelledby=\"%1$s-title %1$s-desc\" width=\"%2$d\""
            + " height=\"%3$d\" viewBox=\"0 0 %2$d %3$d\">"
            + "<title id=\"%1$s-title\">%4$s</title><desc id=\"%1$s-desc\">%5$s</desc>%6$s</svg>\n",
        id,
        WIDTH,
        Math.max(height, BAR),
        Html.escape(title),
        Html.escape(desc.strip()),
        body);
  }

  private static String label(int y, String text) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
        LABEL - 8,
        y + 16,
        Html.escape(text));
  }

  private static String rect(int x, int y, int width, String cssClass) {
    return String.format(
        Locale.ROOT,
        "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
        cssClass,
        x,
        y,
        width,
        BAR);
  }

  private static String text(int x, int y, String text) {
    return String.format(
        Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x, y + 16, Html.escape(text));
  }
}
