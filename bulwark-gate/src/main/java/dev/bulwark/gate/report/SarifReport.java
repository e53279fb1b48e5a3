package dev.bulwark.gate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Reason;
import dev.bulwark.gate.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every finding of every input merged into one SARIF 2.1.0 run of the tool {@code bulwark gate},
 * for code-scanning UIs: blocking findings are errors, waived and VEX-cleared ones carry an
 * accepted external suppression with its justification, findings below the threshold keep the level
 * of their severity. Each rule carries {@code security-severity} so the UI ranks them.
 */
public final class SarifReport {

  public static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private SarifReport() {}

  public static String write(Decision decision) {
    ObjectNode log = JsonReport.JSON.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "bulwark gate");
    driver.put("informationUri", "https://bulwark.dev/docs/gate");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    Map<Finding, Reason> byFinding = decision.reasonsByFinding();
    for (Finding f : decision.findings()) {
      String ruleId = f.kind().label() + "/" + f.id();
      Integer index = ruleIndex.get(ruleId);
      if (index == null) {
        index = rules.size();
        ruleIndex.put(ruleId, index);
        ObjectNode rule = rules.addObject();
        rule.put("id", ruleId);
        rule.putObject("shortDescription").put("text", f.kind().label() + " " + f.id());
        ObjectNode props = rule.putObject("properties");
        props.put("security-severity", score(f.severity()));
        props.putArray("tags").add("security").add(f.kind().label());
      }
      results.add(result(f, ruleId, index, byFinding.get(f)));
    }
    run.putObject("properties")
        .put("decision", decision.outcome())
        .put("application", decision.policy().application())
        .put("environment", decision.policy().environment())
        .put("imageDigest", decision.inputs().digest());
    try {
      return JsonReport.JSON.writeValueAsString(log) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode result(Finding f, String ruleId, int index, Reason reason) {
    ObjectNode result = JsonReport.JSON.createObjectNode();
    result.put("ruleId", ruleId);
    result.put("ruleIndex", index);
    boolean blocks = reason != null && reason.blocking();
    result.put("level", blocks ? "error" : level(f.severity()));
    result
        .putObject("message")
        .put("text", reason != null ? reason.message() : f.subject() + ": " + f.title());
    location(f, result);
    if (reason != null
        && (reason.verdict() == Reason.Verdict.WAIVED
            || reason.verdict() == Reason.Verdict.CLEARED)) {
      ObjectNode suppression = result.putArray("suppressions").addObject();
      suppression.put("kind", "external");
      suppression.put("status", "accepted");
      suppression.put("justification", reason.message());
    }
    return result;
  }

  private static void location(Finding f, ObjectNode result) {
    if (f.component() != null) {
      ObjectNode logical =
          result.putArray("locations").addObject().putArray("logicalLocations").addObject();
      logical.put("fullyQualifiedName", f.component());
      logical.put("kind", "package");
    } else if (!f.location().isEmpty()) {
      int colon = f.location().lastIndexOf(':');
      String tail = colon < 0 ? "" : f.location().substring(colon + 1);
      boolean hasLine = !tail.isEmpty() && tail.chars().allMatch(Character::isDigit);
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical
          .putObject("artifactLocation")
          .put("uri", hasLine ? f.location().substring(0, colon) : f.location());
      if (hasLine && Integer.parseInt(tail) > 0) {
        physical.putObject("region").put("startLine", Integer.parseInt(tail));
      }
    }
  }

  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
      case INFO -> "none";
    };
  }

  /** A score inside the severity's CVSS band, as code-scanning UIs read it. */
  static String score(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "2.0";
      case INFO -> "0.0";
    };
  }
}
