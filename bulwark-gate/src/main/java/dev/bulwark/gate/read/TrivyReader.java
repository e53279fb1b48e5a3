package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Trivy's JSON report ({@code trivy image --format json} or {@code trivy sbom --format json}),
 * schema version 2. It must name the image's digest: {@code Metadata.RepoDigests}, {@code
 * Metadata.ImageID} or an {@code ArtifactName} pinned by digest. Severity: CRITICAL, HIGH, MEDIUM,
 * LOW as such and UNKNOWN (not rated yet) → critical, as for Grype; any other value is bad input.
 */
public final class TrivyReader {

  private TrivyReader() {}

  /** Whether {@code report} has the shape of a Trivy JSON report (and not Grype's). */
  static boolean isTrivy(JsonNode report) {
    return report.has("SchemaVersion") && (report.has("Results") || report.has("ArtifactName"));
  }

  public static List<Finding> read(Path file, String digest) throws InputException {
    return read(file, JsonFiles.read(file), digest);
  }

  static List<Finding> read(Path file, JsonNode report, String digest) throws InputException {
    if (report.path("SchemaVersion").asInt(0) != 2) {
      throw new InputException(
          file.toString(),
          "SchemaVersion: expected 2 (trivy --format json), found "
              + JsonFiles.text(report, "/SchemaVersion"));
    }
    Digests.check(file, "the vulnerability report", digests(report), digest);
    List<Finding> findings = new ArrayList<>();
    int r = 0;
    for (JsonNode result : report.path("Results")) {
      int v = 0;
      for (JsonNode vulnerability : result.path("Vulnerabilities")) {
        String at = "Results[" + r + "].Vulnerabilities[" + v++ + "]";
        findings.add(finding(file, at, vulnerability));
      }
      r++;
    }
    return findings;
  }

  private static Set<String> digests(JsonNode report) {
    Set<String> digests = new LinkedHashSet<>();
    for (JsonNode repoDigest : report.at("/Metadata/RepoDigests")) {
      Digests.addTo(digests, repoDigest.asText());
    }
    Digests.addTo(digests, JsonFiles.text(report, "/Metadata/ImageID"));
    Digests.addTo(digests, JsonFiles.text(report, "/ArtifactName"));
    return digests;
  }

  private static Finding finding(Path file, String at, JsonNode vulnerability)
      throws InputException {
    String id = JsonFiles.text(vulnerability, "/VulnerabilityID");
    if (id.isBlank()) {
      throw new InputException(file.toString(), at + ": missing field VulnerabilityID");
    }
    String purl = JsonFiles.text(vulnerability, "/PkgIdentifier/PURL");
    String component =
        purl.isEmpty()
            ? JsonFiles.text(vulnerability, "/PkgName")
                + "@"
                + JsonFiles.text(vulnerability, "/InstalledVersion")
            : purl;
    Set<String> aliases = new LinkedHashSet<>();
    vulnerability.path("VendorIDs").forEach(alias -> aliases.add(alias.asText()));
    aliases.remove(id);
    aliases.remove("");
    String fixed = JsonFiles.text(vulnerability, "/FixedVersion");
    return new Finding(
        Finding.Kind.VULNERABILITY,
        id,
        aliases,
        severity(file, at, id, JsonFiles.text(vulnerability, "/Severity")),
        component,
        "",
        file.toString(),
        fixed.isBlank() ? "no fix available" : "fixed in " + fixed);
  }

  private static final SeverityScale SCALE =
      new SeverityScale(
          List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"),
          List.of(
              Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.CRITICAL));

  static Severity severity(Path file, String at, String id, String value) throws InputException {
    return SCALE.of(file, at, id, value);
  }
}
