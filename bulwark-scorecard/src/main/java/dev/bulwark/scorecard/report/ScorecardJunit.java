package dev.bulwark.scorecard.report;

import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.Status;

/**
 * The scorecard as a JUnit XML report: one test case per essential, so that a CI server shows each
 * line. Failing is a failure, missing and partial are skipped with their reason, met passes.
 */
public final class ScorecardJunit {

  private ScorecardJunit() {}

  public static String write(Scorecard card) {
    long failures = card.lines().stream().filter(l -> l.status() == Status.FAILING).count();
    long skipped =
        card.lines().stream()
            .filter(l -> l.status() == Status.MISSING || l.status() == Status.PARTIAL)
            .count();
    String name = "bulwark scorecard" + (card.tenant().isEmpty() ? "" : " " + card.tenant());
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n",
            Html.escape(name), card.lines().size(), failures, skipped));
    for (Line line : card.lines()) {
      xml.append(
          String.format(
              "  <testcase classname=\"%s\" name=\"%s\">%n",
              Html.escape("bulwark.scorecard." + line.essential().category().id()),
              Html.escape(line.essential().id())));
      String detail = detail(line);
      switch (line.status()) {
        case FAILING ->
            xml.append("    <failure message=\"")
                .append(Html.escape(line.nextStep()))
                .append("\">")
                .append(Html.escape(detail))
                .append("</failure>\n");
        case MISSING, PARTIAL ->
            xml.append("    <skipped message=\"")
                .append(line.status().label())
                .append(": ")
                .append(Html.escape(line.nextStep()))
                .append("\"/>\n");
        case MET -> {}
      }
      xml.append("    <system-out>").append(Html.escape(detail)).append("</system-out>\n");
      xml.append("  </testcase>\n");
    }
    return xml.append("</testsuite>\n").toString();
  }

  private static String detail(Line line) {
    StringBuilder text = new StringBuilder();
    for (Evidence e : line.evidence()) {
      text.append(e.ok() ? "ok   " : "NOT  ").append(e.object()).append(": ").append(e.fact());
      text.append('\n');
    }
    return text.toString();
  }
}
