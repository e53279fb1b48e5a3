package dev.bulwark.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark gate} end to end: spec and report files in, exit code and outputs out. */
class GateCommandTest {

  static final String DIGEST = "sha256:" + "5e".repeat(32);
  static final String OTHER = "sha256:" + "77".repeat(32);

  @TempDir Path dir;
  Path spec;

  @BeforeEach
  void writeSpec() throws IOException {
    spec = Files.createDirectories(dir.resolve("spec"));
    Files.writeString(
        spec.resolve("platform.yaml"),
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Platform
        metadata:
          name: acme
        spec:
          domain: acme.example.com
          components:
            gitops:
              settings:
                repoURL: https://git.acme.example.com/platform/gitops.git
            certificates:
              settings:
                email: platform@acme.example.com
        ---
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: shop
        spec:
          environments:
            - name: dev
            - name: prod
        """);
    writeApp("2999-12-31");
  }

  void writeApp(String expires) throws IOException {
    Files.writeString(
        spec.resolve("cart.yaml"),
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: cart
        spec:
          tenant: shop
          image: harbor.example.com/shop/cart:1.0.0
          security:
            failOn: high
            waivers:
              - id: CVE-2026-2000
                reason: the parser is never fed untrusted input
                owner: team-shop
                expires: "%s"
            environments:
              - name: prod
                requireSignature: true
        """
            .formatted(expires));
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  Path grype(String digest, String... matches) throws IOException {
    return write(
        "grype.json",
        """
        {"matches": [%s], "source": {"type": "image", "target": {"manifestDigest": "%s"}}}
        """
            .formatted(String.join(",", matches), digest));
  }

  static String match(String id, String severity) {
    return """
        {"vulnerability": {"id": "%s", "severity": "%s"},
         "artifact": {"name": "yaml", "version": "1.0", "purl": "pkg:npm/yaml@1.0"}}
        """
        .formatted(id, severity);
  }

  Path sbom(String digest) throws IOException {
    return write(
        "sbom.json",
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "metadata": {"component": {"type": "container", "name": "cart", "version": "%s"}},
         "components": [{"type": "library", "name": "yaml", "version": "1.0", "purl": "pkg:npm/yaml@1.0",
           "licenses": [{"license": {"id": "ISC"}}]}]}
        """
            .formatted(digest));
  }

  Cli gate(String env, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "gate",
                "--spec",
                spec.toString(),
                "--app",
                "cart",
                "--env",
                env,
                "--image-digest",
                DIGEST));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aCleanImageWithAWaivedHighPassesAndSaysWhy() throws IOException {
    Cli r =
        gate(
            "dev",
            "--sbom",
            sbom(DIGEST).toString(),
            "--vulns",
            grype(DIGEST, match("CVE-2026-2000", "High"), match("CVE-2026-3000", "Low"))
                .toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("gate PASS: shop/cart to dev, image " + DIGEST)
        .contains(
            "CVE-2026-2000 in pkg:npm/yaml@1.0 (high",
            "accepted by waiver CVE-2026-2000",
            "owner team-shop")
        .contains("1 finding(s) below high do not block");
  }

  @Test
  void aCriticalAndAMissingSignatureBlockProdWithEveryReasonInEveryFormat() throws IOException {
    Path report = dir.resolve("report.json");
    Path sarif = dir.resolve("merged.sarif");
    String sbom = sbom(DIGEST).toString();
    String vulns = grype(DIGEST, match("CVE-2026-4000", "Critical")).toString();

    Cli text = gate("prod", "--sbom", sbom, "--vulns", vulns, "--policy-report", report.toString());
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .startsWith("gate BLOCK")
        .contains("[severity] vulnerability CVE-2026-4000 in pkg:npm/yaml@1.0 (critical")
        .contains("[signature] environment prod requires a verified signature");

    JsonNode policyReport = new ObjectMapper().readTree(report.toFile());
    assertThat(policyReport.at("/metadata/namespace").asText()).isEqualTo("shop-prod");
    // The critical, the missing signature and the decision.
    assertThat(policyReport.at("/summary/fail").asInt()).isEqualTo(3);
    assertThat(policyReport.path("results").findValuesAsText("rule"))
        .contains("signature", "decision");

    Cli json = gate("prod", "--sbom", sbom, "--vulns", vulns, "--format", "json");
    assertThat(new ObjectMapper().readTree(json.out()).path("decision").asText())
        .isEqualTo("block");

    Cli out =
        gate(
            "prod",
            "--sbom",
            sbom,
            "--vulns",
            vulns,
            "--format",
            "sarif",
            "--out",
            sarif.toString());
    assertThat(out.exitCode()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/results/0/level").asText())
        .isEqualTo("error");

    Cli junit = gate("prod", "--sbom", sbom, "--vulns", vulns, "--format", "junit");
    assertThat(junit.out()).contains("failures=\"2\"", "<failure message=");
  }

  @Test
  void aTrivyReportIsReadThroughTheSameOptionAndANeitherReportIsBadInput() throws IOException {
    Path trivy =
        write(
            "trivy.json",
            """
            {"SchemaVersion": 2, "ArtifactName": "harbor.example.com/shop/cart@%s",
             "Metadata": {"RepoDigests": ["harbor.example.com/shop/cart@%s"]},
             "Results": [{"Target": "app", "Class": "lang-pkgs", "Type": "npm",
               "Vulnerabilities": [{"VulnerabilityID": "CVE-2026-6000", "PkgName": "yaml",
                 "InstalledVersion": "1.0", "PkgIdentifier": {"PURL": "pkg:npm/yaml@1.0"},
                 "FixedVersion": "1.1", "Severity": "CRITICAL"}]}]}
            """
                .formatted(DIGEST, DIGEST));
    Cli blocked = gate("dev", "--sbom", sbom(DIGEST).toString(), "--vulns", trivy.toString());
    assertThat(blocked.exitCode()).as(blocked.err()).isEqualTo(1);
    assertThat(blocked.out()).contains("CVE-2026-6000 in pkg:npm/yaml@1.0 (critical");

    Path neither = write("neither.json", "{\"bomFormat\": \"CycloneDX\"}");
    Cli bad = gate("dev", "--sbom", sbom(DIGEST).toString(), "--vulns", neither.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains(neither + ": expected a vulnerability report");
  }

  @Test
  void withoutAnyReportTheGateBlocks() throws IOException {
    Cli r = gate("dev");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("no vulnerability report", "no SBOM");
  }

  @Test
  void aReportOfAnotherImageIsBadInputNamingTheFile() throws IOException {
    Path vulns = grype(OTHER);
    Cli r = gate("dev", "--sbom", sbom(DIGEST).toString(), "--vulns", vulns.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(vulns + ": the vulnerability report is about " + OTHER + ", not " + DIGEST)
        .contains("gate BLOCKED");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void everyUnreadableInputIsListedAndTheExitCodeIsTwo() throws IOException {
    Path vulns = grype(DIGEST, match("CVE-2026-5000", "Severe"));
    Path sarif = write("bad.sarif", "{\"version\": \"2.1.0\", \"runs\": [{}]}");
    Cli r =
        gate(
            "dev",
            "--sbom",
            sbom(DIGEST).toString(),
            "--vulns",
            vulns.toString(),
            "--sarif",
            sarif.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains(vulns + ": matches[0] (CVE-2026-5000): unknown severity `Severe`")
        .contains(sarif + ": not valid SARIF 2.1.0:");
  }

  @Test
  void anExpiredWaiverInTheSpecIsBadInput() throws IOException {
    writeApp("2020-01-01");
    Cli r = gate("dev", "--sbom", sbom(DIGEST).toString(), "--vulns", grype(DIGEST).toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("cart.yaml:14:")
        .contains("spec.security.waivers[0].expires", "expired on 2020-01-01");
  }

  @Test
  void anImageDigestThatIsNoDigestIsBadInput() throws IOException {
    Cli r =
        Cli.run(
            "gate",
            "--spec",
            spec.toString(),
            "--app",
            "cart",
            "--env",
            "dev",
            "--image-digest",
            "latest");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--image-digest: expected sha256:");
  }
}
