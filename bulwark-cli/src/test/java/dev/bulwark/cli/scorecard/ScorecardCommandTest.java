package dev.bulwark.cli.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.cli.Cli;
import dev.bulwark.scorecard.Essentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** {@code bulwark scorecard} offline on the acme example: every output, the exit codes. */
public class ScorecardCommandTest {

  private static final Path REPO = Path.of(System.getProperty("bulwark.repo.dir", ".."));
  private static final String ACME = REPO.resolve("examples/acme").toString();

  /** Validates a scorecard JSON document against the published schema; empty when valid. */
  public static java.util.List<?> schemaErrors(JsonNode document) throws Exception {
    JsonNode schemaTree =
        new ObjectMapper().readTree(REPO.resolve("docs/schemas/scorecard.schema.json").toFile());
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree);
    return schema.validate(document);
  }

  @Test
  void theJsonOutputMatchesItsPublishedSchema() throws Exception {
    Cli run = Cli.run("scorecard", ACME, "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(schemaErrors(json)).isEmpty();
    assertThat(json.path("source").asText()).isEqualTo("offline");
    assertThat(json.path("lines")).hasSize(Essentials.all().size());
    // the schema is not vacuous: a status it does not know is rejected
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("lines").get(0))
        .put("status", "fine");
    assertThat(schemaErrors(json)).isNotEmpty();
  }

  @Test
  void theTableHasALinePerEssentialAndTheScores() {
    Cli run = Cli.run("scorecard", ACME);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ESSENTIAL", "STATUS", "NEXT STEP")
        .containsPattern("security-and-compliance +network-policies +met")
        .containsPattern("infrastructure +dns +missing +spec: renders no object of dns")
        .contains("Security and compliance: ", "overall: ", "(offline)");
    assertThat(run.out().lines().filter(l -> l.matches("^[a-z-]+ {2,}[a-z-]+ {2,}\\w+ .*")))
        .hasSize(Essentials.all().size());
  }

  @Test
  void junitHasOneCasePerEssentialAndSkipsTheMissingOnes() throws Exception {
    Cli run = Cli.run("scorecard", ACME, "-o", "junit");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(Essentials.all().size());
    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    assertThat(xml.getElementsByTagName("skipped").getLength())
        .isEqualTo(Integer.parseInt(xml.getDocumentElement().getAttribute("skipped")))
        .isPositive();
  }

  @Test
  void theHtmlReportIsSelfContainedWithLabelledChartsAndTables(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Cli run = Cli.run("scorecard", ACME, "-o", "html");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = run.out();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">");
    assertThat(html).doesNotContainPattern("(?i)<script|https?://|src=|<link|@import|url\\(");
    assertThat(count(html, "<svg ")).isEqualTo(2);
    assertThat(count(html, "role=\"img\" aria-labelledby=")).isEqualTo(2);
    assertThat(html).contains("<title id=\"chart-categories-title\">Score per category</title>");
    // one bar per tenant in the findings chart, named in its description
    assertThat(html).contains("Tenant data:", "Tenant payments:", "Tenant web:");
    assertThat(count(html, "<th scope=\"row\">")).isEqualTo(Essentials.all().size());
    Files.writeString(dir.resolve("scorecard.html"), html);
  }

  @Test
  void failUnderAndTenantScopingAndBadInput() {
    Cli all = Cli.run("scorecard", ACME, "-o", "json");
    int overall = Integer.parseInt(field(all.out(), "overall"));

    assertThat(Cli.run("scorecard", ACME, "--fail-under", String.valueOf(overall)).exitCode())
        .isZero();
    Cli under = Cli.run("scorecard", ACME, "--fail-under", String.valueOf(overall + 1));
    assertThat(under.exitCode()).isEqualTo(1);
    assertThat(under.out()).contains("below --fail-under " + (overall + 1));

    Cli web = Cli.run("scorecard", ACME, "--tenant", "web", "-o", "json");
    assertThat(web.exitCode()).as(web.err()).isZero();
    assertThat(web.out()).contains("\"tenant\" : \"web\"");

    Cli unknown = Cli.run("scorecard", ACME, "--tenant", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--tenant nobody: no such tenant", "data, payments, web");
    assertThat(Cli.run("scorecard", ACME, "--fail-under", "101").exitCode()).isEqualTo(2);
    assertThat(Cli.run("scorecard", REPO.resolve("no-such-dir").toString()).exitCode())
        .isEqualTo(2);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : (\\d+)").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
