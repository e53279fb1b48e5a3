package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An object under an apiVersion Kubernetes does not serve for its kind matches no policy; audit
 * must report it rather than pass it. Cases from the Kubernetes deprecation guide (Deployment left
 * extensions/v1beta1 in 1.16) and from the issue (a Deployment under v1, a Pod under apps/v1), each
 * with a privileged container that would fail the audit under the right apiVersion.
 */
class UnservedApiAuditTest {

  /** One object at line 1 of its file, with a privileged container in its pod spec. */
  static String privileged(String apiVersion, String kind) {
    String container =
        "{name: app, image: registry.example.com/app:1.0, securityContext: {privileged: true}}";
    String podSpec = "{containers: [" + container + "]}";
    String spec =
        kind.equals("Pod")
            ? podSpec
            : "{selector: {matchLabels: {app: app}}, template: {metadata: {labels: {app: app}}, spec: "
                + podSpec
                + "}}";
    return "apiVersion: "
        + apiVersion
        + "\nkind: "
        + kind
        + "\nmetadata: {name: app, namespace: team-a}\nspec: "
        + spec
        + "\n";
  }

  static final String CUSTOM =
      """
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w, namespace: team-a}
      spec: {privileged: true}
      """;

  static PolicyEngine engine;
  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    engine = PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
  }

  @BeforeEach
  void files() throws Exception {
    Files.writeString(
        dir.resolve("extensions.yaml"), privileged("extensions/v1beta1", "Deployment"));
    Files.writeString(dir.resolve("core.yaml"), privileged("v1", "Deployment"));
    Files.writeString(
        dir.resolve("pod.yaml"),
        "# a Pod filed under the apps group\n" + privileged("apps/v1", "Pod"));
    Files.writeString(dir.resolve("served.yaml"), privileged("apps/v1", "Deployment"));
    Files.writeString(dir.resolve("widget.yaml"), CUSTOM);
  }

  private static AuditRunner runner() {
    return new AuditRunner(
        engine, PolicyLibrary.Selection.ALL, null, ExemptionFile.NONE, LocalDate.of(2026, 11, 27));
  }

  private AuditReport audit(String... files) {
    List<String> paths =
        java.util.Arrays.stream(files).map(f -> dir.resolve(f).toString()).toList();
    ManifestReader reader = ManifestReader.read(paths, InputStream.nullInputStream());
    return runner().run(reader.manifests(), reader.errors());
  }

  private static Finding only(AuditReport report) {
    assertThat(report.results()).hasSize(1);
    assertThat(report.results().get(0).findings()).hasSize(1);
    return report.results().get(0).findings().get(0);
  }

  @Test
  void aDeploymentUnderARemovedVersionIsAFindingNamingTheRemovalAndTheReplacement() {
    AuditReport report = audit("extensions.yaml");
    Finding f = only(report);
    assertThat(f.policyId()).isEqualTo("api-removed");
    assertThat(f.message())
        .startsWith("Deployment extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1");
    assertThat(f.counts()).isTrue();
    assertThat(report.exitCode(Severity.CRITICAL)).isEqualTo(1);
  }

  @Test
  void aKindUnderAVersionNeverServedForItCannotBeJudged() {
    Finding deployment = only(audit("core.yaml"));
    assertThat(deployment.policyId()).isEqualTo("api-not-served");
    assertThat(deployment.message())
        .isEqualTo("cannot be judged: Kubernetes serves Deployment as apps/v1, not v1");
    AuditReport pod = audit("pod.yaml");
    assertThat(only(pod).message())
        .isEqualTo("cannot be judged: Kubernetes serves Pod as v1, not apps/v1");
    assertThat(pod.results().get(0).location().line()).isEqualTo(2);
    assertThat(pod.exitCode(Severity.CRITICAL)).isEqualTo(1);
  }

  @Test
  void theServedDeploymentIsJudgedByThePoliciesAsBefore() {
    AuditReport report = audit("served.yaml");
    ObjectResult web = report.results().get(0);
    assertThat(web.judged()).isTrue();
    assertThat(web.findings())
        .extracting(Finding::policyId)
        .contains("pss-privileged")
        .doesNotContain("api-removed", "api-not-served");
    assertThat(report.notJudged()).isEmpty();
  }

  @Test
  void aCustomKindNoPolicyMatchesIsListedAsNotJudgedAndDoesNotFail() throws Exception {
    AuditReport report = audit("widget.yaml");
    assertThat(report.findings()).isEmpty();
    assertThat(report.exitCode(Severity.INFO)).isZero();
    assertThat(report.notJudged())
        .extracting(ObjectResult::describe)
        .containsExactly("Widget team-a/w");
    assertThat(render(ReportFormat.TEXT, report))
        .endsWith(
            "1 not judged (custom kinds no policy matches):\n  "
                + dir.resolve("widget.yaml")
                + ":1: Widget team-a/w\n");
    assertThat(
            new ObjectMapper()
                .readTree(render(ReportFormat.JSON, report))
                .at("/summary/notJudged")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void everyReportFormatShowsTheUnjudgedObjectsWithFileAndLine() throws Exception {
    AuditReport report =
        audit("extensions.yaml", "core.yaml", "pod.yaml", "served.yaml", "widget.yaml");
    assertThat(report.exitCode(Severity.LOW)).isEqualTo(1);

    String text = render(ReportFormat.TEXT, report);
    assertThat(text)
        .contains(
            dir.resolve("extensions.yaml")
                + ":1: Deployment team-a/app\n  [CRITICAL] api-removed: Deployment extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1");
    assertThat(text)
        .contains(
            dir.resolve("pod.yaml")
                + ":2: Pod team-a/app\n  [CRITICAL] api-not-served: cannot be judged: Kubernetes serves Pod as v1");

    JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, report));
    assertThat(json.at("/results/2/file").asText()).endsWith("pod.yaml");
    assertThat(json.at("/results/2/line").asInt()).isEqualTo(2);
    assertThat(json.at("/results/2/findings/0/policy").asText()).isEqualTo("api-not-served");
    assertThat(json.at("/results/4/judged").asBoolean()).isFalse();

    JsonNode sarif = new ObjectMapper().readTree(render(ReportFormat.SARIF, report));
    assertThat(AuditTest.sarifSchema().validate(sarif)).isEmpty();
    JsonNode removed = sarif.at("/runs/0/results/0");
    assertThat(removed.at("/ruleId").asText()).isEqualTo("api-removed");
    assertThat(removed.at("/level").asText()).isEqualTo("error");
    assertThat(
            sarif
                .at("/runs/0/tool/driver/rules/" + removed.at("/ruleIndex").asInt() + "/id")
                .asText())
        .isEqualTo("api-removed");
    assertThat(removed.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(removed.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("extensions.yaml");
    JsonNode note = sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0");
    assertThat(note.at("/level").asText()).isEqualTo("note");
    assertThat(note.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("widget.yaml");

    Document junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    render(ReportFormat.JUNIT, report).getBytes(StandardCharsets.UTF_8)));
    NodeList suites = junit.getElementsByTagName("testsuite");
    Element pod = (Element) suites.item(2);
    assertThat(pod.getAttribute("name")).endsWith("pod.yaml:2 Pod team-a/app");
    assertThat(pod.getAttribute("failures")).isEqualTo("1");
    assertThat(((Element) pod.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .startsWith("cannot be judged");
    Element widget = (Element) suites.item(4);
    assertThat(widget.getAttribute("tests")).isEqualTo("1");
    assertThat(widget.getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void theStreamingAuditReportsTheSame() throws Exception {
    List<String> paths = List.of(dir.toString());
    AuditReport streamed = runner().run(ManifestSources.list(paths, InputStream.nullInputStream()));
    ManifestReader reader = ManifestReader.read(paths, InputStream.nullInputStream());
    AuditReport whole = runner().run(reader.manifests(), reader.errors());
    assertThat(streamed.findings())
        .extracting(Finding::policyId)
        .filteredOn(id -> id.startsWith("api-"))
        .containsExactlyInAnyOrder("api-removed", "api-not-served", "api-not-served");
    assertThat(streamed.notJudged()).hasSize(1);
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(render(format, streamed)).as(format.name()).isEqualTo(render(format, whole));
    }
  }

  private static String render(ReportFormat format, AuditReport report) throws Exception {
    return AuditTest.render(format, report);
  }
}
