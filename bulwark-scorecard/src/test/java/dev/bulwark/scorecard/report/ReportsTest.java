package dev.bulwark.scorecard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scorecard.Category;
import dev.bulwark.scorecard.Essential;
import dev.bulwark.scorecard.Evidence;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Observation;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JUnit and HTML writers on a live scorecard with a failing line whose evidence needs escaping.
 */
class ReportsTest {

  private static final Essential NETPOL =
      new Essential("network-policies", Category.SECURITY, "Network policies");
  private static final Essential DNS = new Essential("dns", Category.INFRASTRUCTURE, "DNS");

  private static Scorecard card(String tenant, Status netpol) {
    return new Scorecard(
        Observation.Source.LIVE,
        tenant,
        List.of(
            new Line(
                NETPOL,
                netpol,
                List.of(
                    Evidence.notOk("NetworkPolicy web-dev/deny", "Ready=False: <bad> & \"odd\"")),
                "restore NetworkPolicy web-dev/deny"),
            new Line(DNS, Status.MISSING, List.of(), "enable components.dns")));
  }

  @Test
  void junitReportsAFailingLineAsAFailureWithItsEvidence() throws Exception {
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    ScorecardJunit.write(card("web", Status.FAILING))
                        .getBytes(StandardCharsets.UTF_8)));

    Element suite = xml.getDocumentElement();
    assertThat(suite.getAttribute("name")).isEqualTo("bulwark scorecard web");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("restore NetworkPolicy web-dev/deny");
    assertThat(failure.getTextContent())
        .contains("NOT  NetworkPolicy web-dev/deny: Ready=False: <bad> & \"odd\"");
  }

  @Test
  void htmlEscapesEvidence() {
    String html =
        ScorecardHtml.write(card("", Status.FAILING), TenantFindings.of(observed(), List.of()));

    assertThat(html)
        .contains("Ready=False: &lt;bad&gt; &amp; &quot;odd&quot;")
        .doesNotContain("<bad>")
        .contains("<td class=\"status failing\">failing</td>")
        .contains("judged live from the cluster")
        .as("no tenants, no findings chart")
        .doesNotContain("chart-tenants");
    // the security category has one failing line of one: score 0
    assertThat(html).contains("<h2>Security and compliance (0 of 100)</h2>");
  }

  /**
   * web: two critical failures, a high warning, a medium failure, a failure with no severity, and a
   * pass and a skip (no findings); data: one low failure and an error (no finding); a cluster
   * report's failure belongs to no tenant; ops has none.
   */
  private static Observation observed() {
    return new Observation(
        Observation.Source.LIVE,
        "",
        List.of(),
        Map.of(),
        List.of(
            result("web", "fail", "critical"),
            result("web", "fail", "Critical"),
            result("web", "warn", "high"),
            result("web", "fail", "medium"),
            result("web", "fail", ""),
            result("web", "pass", "critical"),
            result("web", "skip", "high"),
            result("data", "fail", "low"),
            result("data", "error", "high"),
            result("", "fail", "critical")),
        new Observation.SpecFacts("", "default", List.of()),
        Instant.EPOCH);
  }

  private static Observation.PolicyResult result(String tenant, String result, String severity) {
    return new Observation.PolicyResult(
        tenant + "/bulwark-audit", tenant, "pss-privileged", "pod-security", result, severity, "m");
  }

  @Test
  void theFindingsChartStacksEachTenantsFindingsBySeverityScaledToTheMost() throws Exception {
    String html =
        ScorecardHtml.write(
            card("", Status.FAILING), TenantFindings.of(observed(), List.of("web", "data", "ops")));

    assertThat(html).contains("<h2>Findings by severity over tenants</h2>");
    Element svg = chart(html, "chart-tenants");
    assertThat(svg.getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo(
            "Tenant data: 0 critical, 0 high, 0 medium, 1 low, 0 info, 0 unrated."
                + " Tenant ops: 0 critical, 0 high, 0 medium, 0 low, 0 info, 0 unrated."
                + " Tenant web: 2 critical, 1 high, 1 medium, 0 low, 0 info, 1 unrated.");
    // rows in tenant order: data, ops, web; web has the most (5) and spans the whole bar
    int span = SvgCharts.WIDTH - 200 - 60;
    assertThat(widths(svg, "sev-critical")).startsWith(0, 0, span * 2 / 5);
    assertThat(widths(svg, "sev-low")).startsWith(span / 5, 0, 0);
    assertThat(widths(svg, "sev-unrated")).startsWith(0, 0, span / 5);
    int web =
        TenantFindings.SEVERITIES.stream().mapToInt(sev -> widths(svg, "sev-" + sev).get(2)).sum();
    assertThat(web).as("the tenant with the most findings fills the bar").isEqualTo(span);
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    assertThat(texts).containsSubsequence("data", "1", "ops", "0", "web", "5");
    assertThat(texts).containsSubsequence(TenantFindings.SEVERITIES);
  }

  /** The chart {@code id} out of the report, parsed as the XML that SVG is. */
  private static Element chart(String html, String id) throws Exception {
    int start = html.indexOf("<svg id=\"" + id + "\"");
    assertThat(start).as("chart " + id).isNotNegative();
    String svg = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  /** The widths of the bars of {@code cssClass}, top to bottom (the legend's last). */
  private static List<Integer> widths(Element svg, String cssClass) {
    List<Integer> widths = new ArrayList<>();
    NodeList rects = svg.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("class").equals(cssClass)) {
        widths.add(Integer.parseInt(rect.getAttribute("width")));
      }
    }
    return widths;
  }
}
