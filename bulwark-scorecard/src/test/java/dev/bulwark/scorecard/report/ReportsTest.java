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
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
  void htmlEscapesEvidenceAndDescribesEveryTenantsFindingsInItsChart() {
    String html =
        ScorecardHtml.write(
            card("", Status.FAILING),
            Map.of("web", card("web", Status.FAILING), "data", card("data", Status.MET)));

    assertThat(html)
        .contains("Ready=False: &lt;bad&gt; &amp; &quot;odd&quot;")
        .doesNotContain("<bad>")
        .contains("Tenant web: 1 failing, 0 partial, 1 missing.")
        .contains("Tenant data: 0 failing, 0 partial, 1 missing.")
        .contains("<td class=\"status failing\">failing</td>")
        .contains("judged live from the cluster");
    // the security category has one failing line of one: score 0
    assertThat(html).contains("<h2>Security and compliance (0 of 100)</h2>");
  }
}
