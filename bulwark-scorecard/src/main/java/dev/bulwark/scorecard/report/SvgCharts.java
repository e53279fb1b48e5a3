package dev.bulwark.scorecard.report;

import dev.bulwark.scorecard.Category;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.Status;
import java.util.List;
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
  private static final List<Status> FINDINGS =
      List.of(Status.FAILING, Status.PARTIAL, Status.MISSING);

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

  /** Stacked bars, one per tenant: its failing, partial and missing lines. */
  static String findingsByTenant(Map<String, Scorecard> tenants) {
    int most = 1;
    for (Scorecard card : tenants.values()) {
      Map<Status, Long> counts = card.countByStatus();
      most = (int) Math.max(most, FINDINGS.stream().mapToLong(counts::get).sum());
    }
    StringBuilder desc = new StringBuilder();
    StringBuilder bars = new StringBuilder();
    int y = 0;
    int span = WIDTH - LABEL - 60;
    for (Map.Entry<String, Scorecard> e : tenants.entrySet()) {
      Map<Status, Long> counts = e.getValue().countByStatus();
      desc.append("Tenant ").append(e.getKey()).append(':');
      bars.append(label(y, e.getKey()));
      int x = LABEL;
      long total = 0;
      for (Status status : FINDINGS) {
        long n = counts.get(status);
        desc.append(' ').append(n).append(' ').append(status.label()).append(',');
        int w = (int) (span * n / most);
        bars.append(rect(x, y, w, status.label()));
        x += w;
        total += n;
      }
      desc.setCharAt(desc.length() - 1, '.');
      desc.append(' ');
      bars.append(text(x + 6, y, String.valueOf(total)));
      y += BAR + GAP;
    }
    String legend = legend(y);
    return svg(
        "chart-tenants",
        "Findings by severity over tenants",
        desc.toString(),
        y + BAR + GAP,
        bars + legend);
  }

  private static String legend(int y) {
    StringBuilder legend = new StringBuilder();
    int x = LABEL;
    for (Status status : FINDINGS) {
      legend.append(rect(x, y, 14, status.label())).append(text(x + 20, y, status.label()));
      x += 110;
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
