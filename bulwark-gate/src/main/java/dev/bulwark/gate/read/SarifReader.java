package dev.bulwark.gate.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 logs of code and secret scanners. The file must be valid against OASIS's schema.
 * Severity: the {@code security-severity} property (result's, else its rule's) when present, by
 * CVSS bands; else the level (result's, else the rule's default, else {@code warning}): error →
 * high, warning → medium, note → low, none → info. Only results of kind {@code fail} count.
 */
public final class SarifReader {

  /** Tools whose every result is a leaked secret. */
  private static final Set<String> SECRET_SCANNERS =
      Set.of("gitleaks", "trufflehog", "detect-secrets", "ggshield");

  private static final class Holder {
    static final Schema SCHEMA = load();

    private static Schema load() {
      try (InputStream in =
          SarifReader.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
        if (in == null) {
          throw new IllegalStateException("sarif-schema-2.1.0.json is not on the class path");
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private SarifReader() {}

  /** OASIS's SARIF 2.1.0 schema, as the reader validates with it. */
  public static Schema schema() {
    return Holder.SCHEMA;
  }

  public static List<Finding> read(Path file) throws InputException {
    JsonNode log = JsonFiles.read(file);
    var errors = Holder.SCHEMA.validate(log);
    if (!errors.isEmpty()) {
      throw new InputException(
          file.toString(),
          "not valid SARIF 2.1.0: "
              + String.join("; ", errors.stream().limit(5).map(Object::toString).toList()));
    }
    List<Finding> findings = new ArrayList<>();
    int runIndex = 0;
    for (JsonNode run : log.path("runs")) {
      readRun(file, run, runIndex++, findings);
    }
    return findings;
  }

  private static void readRun(Path file, JsonNode run, int runIndex, List<Finding> findings)
      throws InputException {
    String tool = run.at("/tool/driver/name").asText();
    Map<String, JsonNode> rules = new HashMap<>();
    List<JsonNode> ruleList = new ArrayList<>();
    for (JsonNode rule : run.at("/tool/driver/rules")) {
      rules.put(rule.path("id").asText(), rule);
      ruleList.add(rule);
    }
    int i = 0;
    for (JsonNode result : run.path("results")) {
      String at = "runs[" + runIndex + "].results[" + i++ + "]";
      if (!result.path("kind").asText("fail").equals("fail")) {
        continue;
      }
      String ruleId = ruleId(result, ruleList);
      if (ruleId.isEmpty()) {
        throw new InputException(file.toString(), at + ": a result needs a ruleId");
      }
      JsonNode rule = rules.getOrDefault(ruleId, JsonFiles.JSON.createObjectNode());
      boolean secret = isSecret(tool, rule, result);
      Severity severity = severity(file, at, result, rule);
      findings.add(
          new Finding(
              secret ? Finding.Kind.SECRET : Finding.Kind.CODE,
              ruleId,
              Set.of(),
              severity,
              null,
              location(result),
              file.toString(),
              // A secret scanner's message may quote the secret: only the rule is kept.
              secret
                  ? "secret found by " + tool + " rule " + ruleId
                  : tool + ": " + abbreviate(result.at("/message/text").asText())));
    }
  }

  private static String ruleId(JsonNode result, List<JsonNode> rules) {
    String id = result.path("ruleId").asText(result.at("/rule/id").asText());
    if (id.isEmpty()) {
      int index = result.path("ruleIndex").asInt(result.at("/rule/index").asInt(-1));
      if (index >= 0 && index < rules.size()) {
        return rules.get(index).path("id").asText();
      }
    }
    return id;
  }

  private static boolean isSecret(String tool, JsonNode rule, JsonNode result) {
    if (SECRET_SCANNERS.contains(tool.toLowerCase(Locale.ROOT))) {
      return true;
    }
    for (JsonNode tags : List.of(rule.at("/properties/tags"), result.at("/properties/tags"))) {
      for (JsonNode tag : tags) {
        String t = tag.asText().toLowerCase(Locale.ROOT);
        if (t.equals("secret") || t.equals("secrets")) {
          return true;
        }
      }
    }
    return false;
  }

  private static Severity severity(Path file, String at, JsonNode result, JsonNode rule)
      throws InputException {
    JsonNode score = result.at("/properties/security-severity");
    if (score.isMissingNode()) {
      score = rule.at("/properties/security-severity");
    }
    if (!score.isMissingNode()) {
      try {
        return Severity.ofScore(Double.parseDouble(score.asText().trim()));
      } catch (IllegalArgumentException e) {
        throw new InputException(
            file.toString(),
            at + ": security-severity `" + score.asText() + "` is not a score from 0.0 to 10.0");
      }
    }
    String level =
        result.path("level").asText(rule.at("/defaultConfiguration/level").asText("warning"));
    return switch (level) {
      case "error" -> Severity.HIGH;
      case "warning" -> Severity.MEDIUM;
      case "note" -> Severity.LOW;
      case "none" -> Severity.INFO;
      default ->
          throw new InputException(
              file.toString(),
              at + ": unknown level `" + level + "`; expected error, warning, note or none");
    };
  }

  private static String location(JsonNode result) {
    JsonNode physical = result.at("/locations/0/physicalLocation");
    String uri = physical.at("/artifactLocation/uri").asText();
    int line = physical.at("/region/startLine").asInt(0);
    return uri.isEmpty() ? "" : line > 0 ? uri + ":" + line : uri;
  }

  static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 197) + "...";
  }
}
