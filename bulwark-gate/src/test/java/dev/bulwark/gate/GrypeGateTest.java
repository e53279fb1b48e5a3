package dev.bulwark.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.gate.Reason.Verdict;
import dev.bulwark.gate.read.InputException;
import dev.bulwark.gate.read.SbomReader;
import dev.bulwark.gate.read.VexReader;
import dev.bulwark.gate.read.VulnerabilityReports;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.testkit.engines.OciRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9 end to end with the real scanners: both variants of {@code examples/scanned-app} built
 * as OCI images and pushed to a registry on 127.0.0.1, syft's SBOMs of them, Grype on an offline
 * database written from our own advisory facts ({@code advisories.json}: CVE-2022-32149 and
 * CVE-2021-38561 of {@code golang.org/x/text}, from their public CVE records), and the gate with
 * the application's {@code spec.security}.
 */
class GrypeGateTest {

  static final String CVE = "CVE-2022-32149";
  static final String TEXT = "pkg:golang/golang.org/x/text";
  static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

  @TempDir static Path work;

  static OciRegistry registry;
  static ScanPipeline pipeline;
  static ScanPipeline.Scan vulnerable;
  static ScanPipeline.Scan fixed;

  @BeforeAll
  static void scanBothVariants() throws Exception {
    registry = OciRegistry.start(Files.createDirectories(work.resolve("registry")));
    pipeline = new ScanPipeline(work, registry);
    Path cache = work.resolve("db");
    ScanPipeline.Run imported =
        pipeline.importDatabase(pipeline.database("fresh", advisories(), ""), cache);
    assertThat(imported.exitCode()).as("grype db import: %s", imported).isZero();
    vulnerable = pipeline.scan(pipeline.image("vulnerable"), cache);
    fixed = pipeline.scan(pipeline.image("fixed"), cache);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void grypeMatchesOnlyTheAdvisoryWhoseRangeHoldsThePinnedVersion() throws IOException {
    JsonNode report = new ObjectMapper().readTree(vulnerable.vulnerabilities().toFile());
    List<String> matched = new ArrayList<>();
    report.path("matches").forEach(m -> matched.add(m.at("/vulnerability/id").asText()));
    // CVE-2021-38561 affects < 0.3.7: the pinned 0.3.7 is just outside its range
    assertThat(matched).containsExactly(CVE);
    JsonNode match = report.path("matches").get(0);
    assertThat(match.at("/artifact/purl").asText()).isEqualTo(TEXT + "@v0.3.7");
    // the severity is Grype's reading of the CVSS vector (7.5), the fix our advisory's
    assertThat(match.at("/vulnerability/severity").asText()).isEqualTo("High");
    assertThat(match.at("/vulnerability/fix/versions/0").asText()).isEqualTo("0.3.8");
    assertThat(report.at("/source/target/manifestDigest").asText())
        .isEqualTo(vulnerable.image().digest());
    assertThat(report.at("/source/target/repoDigests/0").asText())
        .isEqualTo(vulnerable.image().reference());
  }

  @Test
  void theVulnerableImageIsBlockedWithTheCveAsItsReason() throws Exception {
    Decision decision = gate(vulnerable, "", "prod", TODAY, List.of());
    assertThat(decision.passed()).isFalse();
    assertThat(decision.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rule()).isEqualTo("severity");
              assertThat(r.message()).contains(CVE, TEXT + "@v0.3.7", "fails on high");
            });
  }

  @Test
  void theFixedImagePasses() throws Exception {
    Decision decision = gate(fixed, "", "prod", TODAY, List.of());
    assertThat(decision.reasons(Verdict.BLOCKS)).isEmpty();
    assertThat(decision.passed()).isTrue();
    assertThat(decision.inputs().components())
        .anySatisfy(c -> assertThat(c.purl()).isEqualTo(TEXT + "@v0.3.8"));
  }

  @Test
  void theEnvironmentsFailOnDecidesWhetherAHighFindingBlocks() throws Exception {
    Decision dev = gate(vulnerable, "", "dev", TODAY, List.of());
    assertThat(dev.policy().failOn().label()).isEqualToIgnoringCase("critical");
    assertThat(dev.passed()).isTrue();
    assertThat(dev.findings()).anySatisfy(f -> assertThat(f.id()).isEqualTo(CVE));
  }

  @Test
  void aWaiverAppliesUntilItsExpiryAndThenBlocksAgain() throws Exception {
    String waiver =
        """
        waivers:
          - id: %s
            reason: Accept-Language is parsed behind the proxy's header limit
            owner: team-payments
            expires: "2026-12-31"
            component: %s
        """
            .formatted(CVE, TEXT);
    Decision before = gate(vulnerable, waiver, "prod", TODAY, List.of());
    assertThat(before.passed()).isTrue();
    assertThat(before.reasons(Verdict.WAIVED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains(CVE, "accepted by waiver"));

    Decision after = gate(vulnerable, waiver, "prod", LocalDate.of(2027, 1, 1), List.of());
    assertThat(after.passed()).isFalse();
    assertThat(after.reasons(Verdict.BLOCKS))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains(CVE, "expired"));
  }

  @Test
  void aVexStatementThatTheCodeIsNotAffectedClearsTheFinding() throws Exception {
    Path vex = work.resolve("scanned-app.openvex.json");
    Files.writeString(
        vex,
        """
        {"@context": "https://openvex.dev/ns/v0.2.0",
         "@id": "https://example.com/vex/scanned-app-1",
         "author": "team-payments", "timestamp": "2026-12-04T06:00:00Z", "version": 1,
         "statements": [{
           "vulnerability": {"name": "%s"},
           "products": [{"@id": "%s@v0.3.7"}],
           "status": "not_affected",
           "justification": "vulnerable_code_cannot_be_controlled_by_adversary"}]}
        """
            .formatted(CVE, TEXT));
    Decision decision = gate(vulnerable, "", "prod", TODAY, VexReader.read(vex));
    assertThat(decision.passed()).isTrue();
    assertThat(decision.reasons(Verdict.CLEARED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains(CVE, "not_affected"));
  }

  @Test
  void aDatabaseOlderThanGrypeAcceptsFailsTheScan() throws Exception {
    String built =
        Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    Path cache = work.resolve("stale-db");
    ScanPipeline.Run imported =
        pipeline.importDatabase(pipeline.database("stale", advisories(), built), cache);
    assertThat(imported.exitCode()).as("grype db import: %s", imported).isZero();

    Path report = work.resolve("stale-vulnerabilities.json");
    Path syftJson = vulnerable.sbom().resolveSibling("image.syft.json");
    ScanPipeline.Run scan =
        pipeline.grype(cache, "sbom:" + syftJson, "-o", "json", "--file", report.toString());
    assertThat(scan.exitCode()).as("grype on a 10-day-old database: %s", scan).isNotZero();
    assertThat(scan.output()).contains("the vulnerability database was built", "max allowed age");
    // Grype leaves an empty file behind: the gate rejects it as bad input rather than reading
    // "no matches" from it, so the stale database cannot let a release pass
    assertThat(Files.exists(report) ? Files.size(report) : 0L).isZero();
    if (Files.exists(report)) {
      assertThatThrownBy(() -> VulnerabilityReports.read(report, vulnerable.image().digest()))
          .isInstanceOf(InputException.class);
    }
  }

  /** The decision for the scan, with the Application's security section plus {@code extra}. */
  private static Decision gate(
      ScanPipeline.Scan scan,
      String extra,
      String environment,
      LocalDate day,
      List<VexStatement> vex)
      throws InputException {
    // the payments/api application of SpecPolicyTest, with this security section
    LoadResult loaded =
        SpecPolicyTest.load(
            "failOn: high\n" + extra + "environments:\n  - name: dev\n    failOn: critical\n");
    assertThat(loaded.errors()).isEmpty();
    String digest = scan.image().digest();
    GateInputs inputs =
        new GateInputs(
            digest,
            VulnerabilityReports.read(scan.vulnerabilities(), digest),
            SbomReader.read(scan.sbom(), digest),
            true,
            true,
            false,
            vex,
            Optional.empty());
    return Gate.decide(inputs, SpecPolicy.of(loaded.spec(), "api", environment, day));
  }

  private static Path advisories() throws URISyntaxException {
    return Path.of(GrypeGateTest.class.getResource("advisories.json").toURI());
  }
}
