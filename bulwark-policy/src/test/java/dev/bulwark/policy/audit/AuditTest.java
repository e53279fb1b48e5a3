package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class AuditTest {

  static final String WORKLOADS =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: team-a-prod
        labels: {bulwark.dev/tenant: team-a, bulwark.dev/environment: prod, pod-security.kubernetes.io/enforce-version: v1.33}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: team-a-prod
        labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: web}
        annotations:
          exempt.policy.bulwark.dev/platform-probes: "batch-style worker, health is reported through the queue"
      spec:
        template:
          spec:
            hostNetwork: true
            containers:
              - name: web
                image: docker.io/nginx:latest
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: team-a-prod, labels: {bulwark.dev/tenant: team-a, app.kubernetes.io/name: web}}
      spec: {type: ClusterIP}
      """;

  @TempDir Path dir;
  PolicyEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    engine = PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
    Files.createDirectories(dir.resolve("manifests/nested"));
    Files.writeString(dir.resolve("manifests/app.yaml"), WORKLOADS);
    Files.writeString(
        dir.resolve("manifests/nested/broken.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
    Files.writeString(
        dir.resolve("manifests/nested/nokind.yml"), "apiVersion: v1\nmetadata: {name: y}\n");
    Files.writeString(dir.resolve("manifests/README.md"), "not yaml, ignored");
  }

  AuditReport audit(ExemptionFile exemptions, String... paths) {
    ManifestReader reader = ManifestReader.read(List.of(paths), InputStream.nullInputStream());
    return new AuditRunner(
            engine, PolicyLibrary.Selection.ALL, null, exemptions, LocalDate.of(2026, 11, 27))
        .run(reader.manifests(), reader.errors());
  }

  @Test
  void directoriesAreReadRecursivelyAndBadFilesBecomeErrorsWithTheirLines() {
    AuditReport report = audit(ExemptionFile.NONE, dir.resolve("manifests").toString());
    assertThat(report.results())
        .extracting(ObjectResult::describe)
        .containsExactly(
            "Namespace team-a-prod", "Deployment team-a-prod/web", "Service team-a-prod/web");
    assertThat(report.errors()).hasSize(2);
    assertThat(report.errors().get(0).location().source()).endsWith("broken.yaml");
    assertThat(report.errors().get(0).location().line()).isEqualTo(4);
    assertThat(report.errors().get(1).toString())
        .endsWith(
            "nokind.yml:1:1: field kind: expected the object's kind, for example Deployment; it is missing");
    assertThat(report.exitCode(Severity.LOW)).isEqualTo(2);
  }

  @Test
  void findingsUseTheNamespaceLabelsOfTheInputAndAnnotationsExempt() {
    AuditReport report = audit(ExemptionFile.NONE, dir.resolve("manifests/app.yaml").toString());
    ObjectResult web = report.results().get(1);
    assertThat(web.location().line()).isEqualTo(7);
    assertThat(web.findings())
        .extracting(Finding::policyId)
        .contains(
            "pss-host-namespaces",
            "platform-image-registry",
            "platform-image-tag",
            "platform-resources",
            "platform-probes");
    // prod (from the namespace label) requires digests; the namespace pins PSS v1.33
    assertThat(web.findings())
        .anySatisfy(f -> assertThat(f.message()).contains("in prod must be pinned by digest"));
    Finding probes =
        web.findings().stream()
            .filter(f -> f.policyId().equals("platform-probes"))
            .findFirst()
            .orElseThrow();
    assertThat(probes.counts()).isFalse();
    assertThat(probes.exemption().reason()).startsWith("batch-style worker");
    assertThat(report.exitCode(Severity.LOW)).isEqualTo(1);
    assertThat(report.exitCode(Severity.CRITICAL)).isEqualTo(1);
  }

  @Test
  void exemptionFilesExemptUntilTheirExpiryAndAnExpiredOneIsAViolation() throws Exception {
    ExemptionFile file =
        ExemptionFile.read(
            "exemptions.yaml",
            new StringReader(
                """
        exemptions:
          - policy: pss-host-namespaces
            namespace: team-a-prod
            kind: Deployment
            name: web
            owner: alice@example.com
            expires: 2026-12-31
            reason: network appliance, moving to a CNI plugin
          - policy: platform-image-registry
            owner: bob@example.com
            expires: 2026-11-26
            reason: mirror not ready
        """));
    AuditReport report = audit(file, dir.resolve("manifests/app.yaml").toString());
    Finding hostNs =
        report.findings().stream()
            .filter(f -> f.policyId().equals("pss-host-namespaces"))
            .findFirst()
            .orElseThrow();
    assertThat(hostNs.counts()).isFalse();
    assertThat(hostNs.exemption().owner()).isEqualTo("alice@example.com");
    assertThat(
            report.findings().stream().filter(f -> f.policyId().equals("platform-image-registry")))
        .allMatch(Finding::counts);
    ObjectResult expired = report.results().get(report.results().size() - 1);
    assertThat(expired.location().toString()).isEqualTo("exemptions.yaml:9:5");
    assertThat(expired.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.policyId()).isEqualTo("exemption-expired");
              assertThat(f.counts()).isTrue();
              assertThat(f.message()).contains("bob@example.com").contains("2026-11-26");
            });
  }

  @Test
  void anExemptionWithoutOwnerIsRejectedWithItsLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ExemptionFile.read(
                    "ex.yaml",
                    new StringReader(
                        """
        exemptions:
          - policy: pss-privileged
            expires: 2027-01-01
            reason: r
        """)))
        .hasMessageContaining("ex.yaml:2:5")
        .hasMessageContaining("exemptions.0.owner");
  }

  @Test
  void textReportGroupsByObjectWithFileAndLine() throws Exception {
    String text =
        render(
            ReportFormat.TEXT,
            audit(ExemptionFile.NONE, dir.resolve("manifests/app.yaml").toString()));
    assertThat(text)
        .contains(
            dir.resolve("manifests/app.yaml")
                + ":7: Deployment team-a-prod/web\n  [CRITICAL] pss-host-namespaces: host namespaces are forbidden: hostNetwork=true");
    assertThat(text).contains("[EXEMPT] platform-probes");
    assertThat(text)
        .containsPattern(
            "3 objects audited, 1 with findings: \\d+ violations, 1 exempted, 0 input errors");
  }

  @Test
  void jsonReportCarriesEveryFinding() throws Exception {
    AuditReport report = audit(ExemptionFile.NONE, dir.resolve("manifests").toString());
    JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, report));
    assertThat(json.at("/summary/objects").asInt()).isEqualTo(3);
    assertThat(json.at("/results/1/line").asInt()).isEqualTo(7);
    assertThat(json.at("/results/1/findings").size())
        .isEqualTo(report.results().get(1).findings().size());
    assertThat(json.at("/errors").size()).isEqualTo(2);
  }

  @Test
  void sarifReportIsValidAgainstTheSarifSchema() throws Exception {
    AuditReport report = audit(ExemptionFile.NONE, dir.resolve("manifests").toString());
    JsonNode sarif = new ObjectMapper().readTree(render(ReportFormat.SARIF, report));
    assertThat(sarifSchema().validate(sarif)).isEmpty();
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("manifests/app.yaml");
    assertThat(sarif.at("/runs/0/results").findValues("suppressions")).hasSize(1);
  }

  @Test
  void junitReportIsWellFormedAndCountsFailures() throws Exception {
    AuditReport report = audit(ExemptionFile.NONE, dir.resolve("manifests").toString());
    String xml = render(ReportFormat.JUNIT, report);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    var root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(Integer.parseInt(root.getAttribute("failures"))).isGreaterThan(3);
    assertThat(root.getAttribute("errors")).isEqualTo("2");
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void stdinIsRead() {
    ManifestReader reader =
        ManifestReader.read(
            List.of("-"),
            new ByteArrayInputStream(
                "apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: s}}\n  - 42\n"
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(reader.manifests())
        .singleElement()
        .satisfies(m -> assertThat(m.location().toString()).isEqualTo("-:4:5"));
    assertThat(reader.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.toString())
                    .isEqualTo(
                        "-:5:5: expected a Kubernetes object (a mapping with apiVersion and kind), got a number"));
  }

  static Schema sarifSchema() throws Exception {
    try (InputStream in = AuditTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
  }

  static String render(ReportFormat format, AuditReport report) throws Exception {
    StringWriter out = new StringWriter();
    format.write(report, out);
    return out.toString();
  }
}
