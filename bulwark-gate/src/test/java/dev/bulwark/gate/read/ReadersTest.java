package dev.bulwark.gate.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Severity;
import dev.bulwark.gate.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on inputs written here from its format's specification, good and bad. */
class ReadersTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String OTHER = "sha256:" + "cd".repeat(32);

  @TempDir Path dir;

  Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static String sarif(String tool, String rules, String results) {
    return """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "%s", "rules": [%s]}},
          "results": [%s]}]}
        """
        .formatted(tool, rules, results);
  }

  @Test
  void sarifLevelsAndSecuritySeverityMapOntoTheFiveSeverities() throws Exception {
    String rules =
        """
        {"id": "sql-injection", "properties": {"security-severity": "9.1"}},
        {"id": "weak-hash", "defaultConfiguration": {"level": "note"}}
        """;
    String results =
        """
        {"ruleId": "sql-injection", "level": "warning", "message": {"text": "tainted query"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/Db.java"},
           "region": {"startLine": 42}}}]},
        {"ruleId": "weak-hash", "message": {"text": "MD5"}},
        {"ruleId": "weak-hash", "level": "error", "message": {"text": "MD5 again"}},
        {"ruleId": "weak-hash", "kind": "pass", "message": {"text": "not a failure"}}
        """;
    List<Finding> findings = SarifReader.read(file("sast.sarif", sarif("semgrep", rules, results)));

    assertThat(findings)
        .extracting(Finding::id, Finding::severity, Finding::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "sql-injection", Severity.CRITICAL, Finding.Kind.CODE),
            org.assertj.core.groups.Tuple.tuple("weak-hash", Severity.LOW, Finding.Kind.CODE),
            org.assertj.core.groups.Tuple.tuple("weak-hash", Severity.HIGH, Finding.Kind.CODE));
    assertThat(findings.get(0).location()).isEqualTo("src/Db.java:42");
  }

  @Test
  void aSecretScannersResultIsASecretAndItsMessageIsNotKept() throws Exception {
    String results =
        """
        {"ruleId": "aws-access-token", "level": "note",
         "message": {"text": "found AKIAABCDEFGHIJKLMNOP in config"}}
        """;
    Finding f = SarifReader.read(file("secrets.sarif", sarif("gitleaks", "", results))).get(0);

    assertThat(f.kind()).isEqualTo(Finding.Kind.SECRET);
    assertThat(f.title()).doesNotContain("AKIA").contains("aws-access-token");
  }

  @Test
  void aSarifThatBreaksTheSchemaIsRejectedWithTheFileAndTheProblem() throws Exception {
    Path bad =
        file(
            "bad.sarif",
            sarif(
                "semgrep",
                "",
                "{\"ruleId\": \"x\", \"level\": \"fatal\", \"message\": {\"text\": \"m\"}}"));

    assertThatThrownBy(() -> SarifReader.read(bad))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(bad + ": not valid SARIF 2.1.0:")
        .hasMessageContaining("level");
  }

  @Test
  void aSecuritySeverityThatIsNoScoreIsRejected() throws Exception {
    Path bad =
        file(
            "score.sarif",
            sarif(
                "semgrep",
                "{\"id\": \"x\", \"properties\": {\"security-severity\": \"severe\"}}",
                "{\"ruleId\": \"x\", \"message\": {\"text\": \"m\"}}"));

    assertThatThrownBy(() -> SarifReader.read(bad))
        .hasMessageContaining("runs[0].results[0]: security-severity `severe` is not a score");
  }

  static String sbom(String specVersion, String imageDigest, String components) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "%s", "version": 1,
         "metadata": {"component": {"type": "container", "name": "registry.acme/payments/api",
           "version": "%s"}},
         "components": [%s]}
        """
        .formatted(specVersion, imageDigest, components);
  }

  @Test
  void anSbomGivesEveryComponentWithItsLicenceExpression() throws Exception {
    String components =
        """
        {"type": "library", "name": "lib", "version": "1.0", "purl": "pkg:maven/org.example/lib@1.0",
         "licenses": [{"license": {"id": "Apache-2.0"}}, {"license": {"id": "MIT"}}],
         "components": [{"type": "library", "name": "inner", "purl": "pkg:maven/org.example/inner@2",
           "licenses": [{"expression": "GPL-2.0-only WITH Classpath-exception-2.0"}]}]},
        {"type": "library", "name": "bare", "version": "3"}
        """;
    for (String version : List.of("1.5", "1.6")) {
      var read =
          SbomReader.read(
              file("sbom-" + version + ".json", sbom(version, DIGEST, components)), DIGEST);
      assertThat(read)
          .extracting(c -> c.purl() + " " + c.licence().map(Object::toString).orElse("-"))
          .containsExactly(
              "pkg:maven/org.example/lib@1.0 (Apache-2.0) AND (MIT)",
              "pkg:maven/org.example/inner@2 GPL-2.0-only WITH Classpath-exception-2.0",
              "bare@3 -");
    }
  }

  @Test
  void anSbomOfAnotherImageOrOfNoneIsRejected() throws Exception {
    Path other = file("other.json", sbom("1.6", OTHER, ""));
    assertThatThrownBy(() -> SbomReader.read(other, DIGEST))
        .hasMessage(other + ": the SBOM is about " + OTHER + ", not " + DIGEST);

    Path none = file("none.json", sbom("1.6", "1.0.0", ""));
    assertThatThrownBy(() -> SbomReader.read(none, DIGEST))
        .hasMessageContaining("names no image digest");
  }

  @Test
  void anSbomThatBreaksCycloneDxsSchemaIsRejected() throws Exception {
    Path bad = file("bad.json", sbom("1.6", DIGEST, "{\"type\": \"gadget\", \"name\": \"x\"}"));

    assertThatThrownBy(() -> SbomReader.read(bad, DIGEST))
        .hasMessageStartingWith(bad + ": not valid CycloneDX 1.6:")
        .hasMessageContaining("type");
  }

  @Test
  void aLicenceExpressionThatIsNotSpdxIsRejectedWithItsComponent() throws Exception {
    for (String expression :
        List.of("MIT OR", "Apache-2.0 and MIT", "Apache-2.0 AND Made-Up-1.0")) {
      Path bad =
          file(
              "licence.json",
              sbom(
                  "1.6",
                  DIGEST,
                  "{\"type\": \"library\", \"name\": \"x\", \"licenses\": [{\"expression\": \""
                      + expression
                      + "\"}]}"));
      assertThatThrownBy(() -> SbomReader.read(bad, DIGEST))
          .as(expression)
          .hasMessageStartingWith(bad + ": components[0].licenses: licence expression");
    }
  }

  static String grype(String digest, String severity) {
    return """
        {"matches": [{"vulnerability": {"id": "GHSA-1111-2222-3333", "severity": "%s",
            "fix": {"versions": ["1.2.4"]}},
          "relatedVulnerabilities": [{"id": "CVE-2026-4242"}],
          "artifact": {"name": "lib", "version": "1.2.3", "purl": "pkg:maven/org.example/lib@1.2.3"}}],
         "source": {"type": "image", "target": {"userInput": "registry.acme/payments/api:1",
           "repoDigests": ["registry.acme/payments/api@%s"]}}}
        """
        .formatted(severity, digest);
  }

  @Test
  void aGrypeReportGivesVulnerabilitiesWithAliasesAndItsSeverities() throws Exception {
    Finding f = GrypeReader.read(file("grype.json", grype(DIGEST, "High")), DIGEST).get(0);
    assertThat(f.isNamed("CVE-2026-4242")).isTrue();
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title()).isEqualTo("fixed in 1.2.4");

    assertThat(
            GrypeReader.read(file("n.json", grype(DIGEST, "Negligible")), DIGEST).get(0).severity())
        .isEqualTo(Severity.INFO);
    assertThat(GrypeReader.read(file("u.json", grype(DIGEST, "Unknown")), DIGEST).get(0).severity())
        .as("an unrated vulnerability counts as the worst")
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aGrypeReportWithAnUnknownSeverityOrOfAnotherImageIsRejected() throws Exception {
    Path severe = file("severe.json", grype(DIGEST, "Severe"));
    assertThatThrownBy(() -> GrypeReader.read(severe, DIGEST))
        .hasMessage(
            severe
                + ": matches[0] (GHSA-1111-2222-3333): unknown severity `Severe`; expected Critical, High, Medium, Low, Negligible or Unknown");

    Path other = file("other.json", grype(OTHER, "High"));
    assertThatThrownBy(() -> GrypeReader.read(other, DIGEST))
        .hasMessage(other + ": the vulnerability report is about " + OTHER + ", not " + DIGEST);
  }

  static String trivy(String digest, String severity) {
    return """
        {"SchemaVersion": 2, "ArtifactName": "registry.acme/payments/api:1",
         "ArtifactType": "container_image",
         "Metadata": {"ImageID": "sha256:%s",
           "RepoTags": ["registry.acme/payments/api:1"],
           "RepoDigests": ["registry.acme/payments/api@%s"]},
         "Results": [
           {"Target": "registry.acme/payments/api:1 (debian 12.5)", "Class": "os-pkgs",
            "Type": "debian"},
           {"Target": "app/lib.jar", "Class": "lang-pkgs", "Type": "jar",
            "Vulnerabilities": [
              {"VulnerabilityID": "CVE-2026-4242", "VendorIDs": ["GHSA-1111-2222-3333"],
               "PkgName": "org.example:lib", "InstalledVersion": "1.2.3",
               "PkgIdentifier": {"PURL": "pkg:maven/org.example/lib@1.2.3"},
               "FixedVersion": "1.2.4", "Status": "fixed", "Severity": "%s"},
              {"VulnerabilityID": "CVE-2026-0007", "PkgName": "org.example:tool",
               "InstalledVersion": "2.0", "Status": "affected", "Severity": "LOW"}]}]}
        """
        .formatted("ef".repeat(32), digest, severity);
  }

  @Test
  void aTrivyReportGivesVulnerabilitiesWithVendorAliasesAndItsSeverities() throws Exception {
    List<Finding> findings =
        VulnerabilityReports.read(file("trivy.json", trivy(DIGEST, "HIGH")), DIGEST);
    assertThat(findings).extracting(Finding::id).containsExactly("CVE-2026-4242", "CVE-2026-0007");
    Finding f = findings.get(0);
    assertThat(f.isNamed("GHSA-1111-2222-3333")).isTrue();
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.kind()).isEqualTo(Finding.Kind.VULNERABILITY);
    assertThat(f.title()).isEqualTo("fixed in 1.2.4");
    assertThat(findings.get(1).title()).isEqualTo("no fix available");
    assertThat(findings.get(1).severity()).isEqualTo(Severity.LOW);

    Path unrated = file("u.json", trivy(DIGEST, "UNKNOWN"));
    assertThat(VulnerabilityReports.read(unrated, DIGEST).get(0).severity())
        .as("an unrated vulnerability counts as the worst, as Grype's Unknown")
        .isEqualTo(Severity.CRITICAL);
    Path critical = file("c.json", trivy(DIGEST, "CRITICAL"));
    assertThat(TrivyReader.read(critical, DIGEST).get(0).severity()).isEqualTo(Severity.CRITICAL);
    Path medium = file("m.json", trivy(DIGEST, "MEDIUM"));
    assertThat(TrivyReader.read(medium, DIGEST).get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void aTrivyReportIsTiedToTheImageByItsRepoDigestOrImageId() throws Exception {
    String imageId = "sha256:" + "ef".repeat(32);
    Path report = file("trivy.json", trivy(OTHER, "HIGH"));
    assertThat(VulnerabilityReports.read(report, imageId)).hasSize(2);
    assertThatThrownBy(() -> VulnerabilityReports.read(report, DIGEST))
        .hasMessage(
            report
                + ": the vulnerability report is about "
                + OTHER
                + ", "
                + imageId
                + ", not "
                + DIGEST);
  }

  @Test
  void aTrivyReportWithAnUnknownSeverityOrSchemaIsRejected() throws Exception {
    Path severe = file("severe.json", trivy(DIGEST, "High"));
    assertThatThrownBy(() -> VulnerabilityReports.read(severe, DIGEST))
        .hasMessage(
            severe
                + ": Results[1].Vulnerabilities[0] (CVE-2026-4242): unknown severity `High`;"
                + " expected CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN");
    Path v1 =
        file(
            "v1.json",
            trivy(DIGEST, "HIGH").replace("\"SchemaVersion\": 2", "\"SchemaVersion\": 1"));
    assertThatThrownBy(() -> VulnerabilityReports.read(v1, DIGEST))
        .hasMessage(v1 + ": SchemaVersion: expected 2 (trivy --format json), found 1");
  }

  @Test
  void aVulnerabilityReportThatIsNeitherGrypesNorTrivysIsBadInputNamingTheFile() throws Exception {
    Path grype = file("grype.json", grype(DIGEST, "High"));
    assertThat(VulnerabilityReports.read(grype, DIGEST))
        .extracting(Finding::id)
        .containsExactly("GHSA-1111-2222-3333");
    Path sbom = file("sbom.json", "{\"bomFormat\": \"CycloneDX\", \"components\": []}");
    assertThatThrownBy(() -> VulnerabilityReports.read(sbom, DIGEST))
        .hasMessageStartingWith(sbom + ": expected a vulnerability report: Grype JSON")
        .hasMessageContaining("Trivy JSON");
  }

  @Test
  void openVexAndCycloneDxVexStatementsAreRead() throws Exception {
    Path openvex =
        file(
            "app.openvex.json",
            """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://acme.example.com/vex/1",
             "statements": [
               {"vulnerability": {"name": "CVE-2026-4242"},
                "products": [{"@id": "pkg:oci/api@sha256%3Aabab",
                  "subcomponents": [{"@id": "pkg:maven/org.example/lib@1.2.3"}]}],
                "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
               {"vulnerability": {"name": "CVE-2026-1"}, "products": [{"@id": "pkg:oci/api"}],
                "status": "under_investigation"}]}
            """);
    assertThat(VexReader.read(openvex))
        .extracting(VexStatement::vulnerability, VexStatement::component, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2026-4242",
                "pkg:maven/org.example/lib@1.2.3",
                VexStatement.Status.NOT_AFFECTED),
            org.assertj.core.groups.Tuple.tuple(
                "CVE-2026-1", null, VexStatement.Status.UNDER_INVESTIGATION));

    Path cdx =
        file(
            "vex.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
             "components": [{"bom-ref": "lib", "type": "library", "name": "lib",
               "purl": "pkg:maven/org.example/lib@1.2.3"}],
             "vulnerabilities": [{"id": "CVE-2026-4242", "analysis": {"state": "false_positive"},
               "affects": [{"ref": "lib"}]}]}
            """);
    assertThat(VexReader.read(cdx))
        .extracting(VexStatement::component, VexStatement::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "pkg:maven/org.example/lib@1.2.3", VexStatement.Status.NOT_AFFECTED));

    Path bad =
        file(
            "bad.openvex.json",
            "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [{\"vulnerability\": \"CVE-1\", \"status\": \"fine\"}]}");
    assertThatThrownBy(() -> VexReader.read(bad))
        .hasMessageContaining("statements[0]: unknown status `fine`");
  }

  @Test
  void zapAlertsAreDastFindingsByRiskCode() throws Exception {
    Path zap =
        file(
            "zap.json",
            """
            {"@programName": "ZAP", "@version": "2.17.0", "site": [{"@name": "https://api.stage.acme.example.com",
              "alerts": [
                {"pluginid": "10038", "alertRef": "10038-1", "alert": "Content Security Policy Header Not Set",
                 "riskcode": "2", "confidence": "3", "riskdesc": "Medium (High)"},
                {"pluginid": "40012", "alert": "Cross Site Scripting (Reflected)", "riskcode": "3"}]}]}
            """);
    assertThat(ZapReader.read(zap))
        .extracting(Finding::id, Finding::severity, Finding::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10038", Severity.MEDIUM, Finding.Kind.DAST),
            org.assertj.core.groups.Tuple.tuple("40012", Severity.HIGH, Finding.Kind.DAST));

    Path bad =
        file(
            "zap-bad.json",
            "{\"site\": [{\"alerts\": [{\"pluginid\": \"1\", \"riskcode\": \"7\"}]}]}");
    assertThatThrownBy(() -> ZapReader.read(bad)).hasMessageContaining("unknown riskcode `7`");
  }

  @Test
  void signatureFactsMustBeAboutTheImageAndSayWhetherTheSignatureVerified() throws Exception {
    String facts =
        """
        {"schema": "bulwark.dev/signature-facts/v1", "digest": "%s",
         "signature": {"verified": %s, "identity": "https://ci.acme.example.com/pipelines/api"},
         "provenance": {"verified": true, "predicateType": "https://slsa.dev/provenance/v1"}}
        """;
    var ok = SignatureFactsReader.read(file("facts.json", facts.formatted(DIGEST, "true")), DIGEST);
    assertThat(ok.signatureVerified()).isTrue();
    assertThat(ok.provenanceVerified()).isTrue();

    Path other = file("other.json", facts.formatted(OTHER, "true"));
    assertThatThrownBy(() -> SignatureFactsReader.read(other, DIGEST))
        .hasMessageContaining("is about " + OTHER);
    Path vague = file("vague.json", facts.formatted(DIGEST, "\"yes\""));
    assertThatThrownBy(() -> SignatureFactsReader.read(vague, DIGEST))
        .hasMessage(vague + ": signature.verified: expected true or false");
  }

  @Test
  void aFileThatIsNotJsonNamesTheLine() throws Exception {
    Path broken = file("broken.json", "{\n  \"matches\": [\n    oops\n  ]\n}\n");
    assertThatThrownBy(() -> GrypeReader.read(broken, DIGEST))
        .hasMessageStartingWith(broken + ": line 3, column");
    assertThatThrownBy(() -> GrypeReader.read(dir.resolve("absent.json"), DIGEST))
        .hasMessageEndingWith("absent.json: no such file");
  }
}
