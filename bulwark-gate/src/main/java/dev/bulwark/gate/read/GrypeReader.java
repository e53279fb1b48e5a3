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
 * Grype's JSON report ({@code grype -o json}) of the image. It must name the image's digest ({@code
 * source.target.manifestDigest} or {@code repoDigests}). Severity: Critical, High, Medium, Low as
 * such, Negligible → info, and Unknown (not rated yet) → critical, so an unrated vulnerability
 * blocks until a VEX statement or a waiver says otherwise; any other value is bad input.
 */
public final class GrypeReader {

  private GrypeReader() {}

  public static List<Finding> read(Path file, String digest) throws InputException {
    return read(file, JsonFiles.read(file), digest);
  }

  static List<Finding> read(Path file, JsonNode report, String digest) throws InputException {
    if (!report.path("matches").isArray()) {
      throw new InputException(
          file.toString(), "expected a Grype JSON report (grype -o json) with a matches array");
    }
    Set<String> digests = new LinkedHashSet<>();
    JsonNode target = report.at("/source/target");
    Digests.addTo(digests, target.path("manifestDigest").asText(""));
    for (JsonNode repoDigest : target.path("repoDigests")) {
      Digests.addTo(digests, repoDigest.asText());
    }
    Digests.check(file, "the vulnerability report", digests, digest);
    List<Finding> findings = new ArrayList<>();
    int i = 0;
    for (JsonNode match : report.path("matches")) {
      String at = "matches[" + i++ + "]";
      String id = JsonFiles.required(match, "/vulnerability/id", file);
      String purl = match.at("/artifact/purl").asText("");
      String component =
          purl.isEmpty()
              ? match.at("/artifact/name").asText() + "@" + match.at("/artifact/version").asText()
              : purl;
      Set<String> aliases = new LinkedHashSet<>();
      for (JsonNode related : match.path("relatedVulnerabilities")) {
        aliases.add(related.path("id").asText());
      }
      aliases.remove(id);
      aliases.remove("");
      findings.add(
          new Finding(
              Finding.Kind.VULNERABILITY,
              id,
              aliases,
              severity(file, at, id, match.at("/vulnerability/severity").asText("")),
              component,
              "",
              file.toString(),
              fixHint(match)));
    }
    return findings;
  }

  private static final SeverityScale SCALE =
      new SeverityScale(
          List.of("Critical", "High", "Medium", "Low", "Negligible", "Unknown"),
          List.of(
              Severity.CRITICAL,
              Severity.HIGH,
              Severity.MEDIUM,
              Severity.LOW,
              Severity.INFO,
              Severity.CRITICAL));

  static Severity severity(Path file, String at, String id, String value) throws InputException {
    return SCALE.of(file, at, id, value);
  }

  private static String fixHint(JsonNode match) {
    JsonNode versions = match.at("/vulnerability/fix/versions");
    List<String> fixed = new ArrayList<>();
    versions.forEach(v -> fixed.add(v.asText()));
    return fixed.isEmpty() ? "no fix available" : "fixed in " + String.join(", ", fixed);
  }
}
