package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Severity;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.library.Policy;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0: one rule per policy, one result per finding located at the file and line of its
 * object; exempted findings carry a suppression with the justification, as code-scanning tools
 * expect.
 */
final class SarifReport {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private SarifReport() {}

  static void write(AuditReport report, Writer out) throws IOException {
    ObjectNode root = JsonReport.MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "bulwark");
    driver.put("informationUri", "https://bulwark.dev");
    driver.put("semanticVersion", "0.1.0");
    Map<String, Integer> ruleIndex = new HashMap<>();
    ArrayNode rules = driver.putArray("rules");
    for (Policy p : report.policies()) {
      ruleIndex.put(p.id(), ruleIndex.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", p.id());
      rule.put("name", p.title());
      rule.putObject("shortDescription").put("text", p.title());
      rule.putObject("fullDescription").put("text", p.description());
      rule.putObject("help").put("text", p.remediation());
      if (!p.references().isEmpty()) {
        rule.put("helpUri", p.references().get(0));
      }
      rule.putObject("defaultConfiguration").put("level", level(p.severity()));
      ObjectNode props = rule.putObject("properties");
      props.put("category", p.category().label());
      props.put("severity", p.severity().label());
      props.putArray("tags").add(p.group()).add(p.category().label());
    }
    ArrayNode results = run.putArray("results");
    for (ObjectResult r : report.results()) {
      for (Finding f : r.findings()) {
        ObjectNode result = results.addObject();
        result.put("ruleId", f.policyId());
        result.put("ruleIndex", ruleIndex.getOrDefault(f.policyId(), 0));
        result.put("level", level(f.severity()));
        result.putObject("message").put("text", r.describe() + ": " + f.message());
        ObjectNode physical =
            result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(r.location().source()));
        physical
            .putObject("region")
            .put("startLine", r.location().line())
            .put("startColumn", r.location().column());
        if (!f.counts()) {
          result
              .putArray("suppressions")
              .addObject()
              .put("kind", "annotation".equals(f.exemption().source()) ? "inSource" : "external")
              .put("justification", f.exemption().reason());
        }
      }
    }
    ArrayNode notifications =
        run.putArray("invocations")
            .addObject()
            .put("executionSuccessful", report.errors().isEmpty())
            .putArray("toolExecutionNotifications");
    for (InputError e : report.errors()) {
      notify(notifications, "error", e.message(), e.location().source(), e.location().line());
    }
    for (ObjectResult r : report.notJudged()) {
      notify(
          notifications,
          "note",
          r.describe() + ": not judged (a custom kind no policy matches)",
          r.location().source(),
          r.location().line());
    }
    JsonReport.MAPPER.writeValue(new JsonReport.NonClosingWriter(out), root);
    out.write("\n");
  }

  private static void notify(
      ArrayNode notifications, String level, String text, String source, int line) {
    ObjectNode n = notifications.addObject();
    n.put("level", level);
    n.putObject("message").put("text", text);
    ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(source));
    physical.putObject("region").put("startLine", line);
  }

  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** A relative URI reference for the file: forward slashes, spaces and the like escaped. */
  static String uri(String source) {
    if ("-".equals(source)) {
      return "stdin";
    }
    StringBuilder out = new StringBuilder();
    for (String part : List.of(source.replace('\\', '/').split("/", -1))) {
      if (!out.isEmpty() || source.startsWith("/")) {
        out.append('/');
      }
      out.append(
          java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    String uri = out.toString();
    return uri.startsWith("//") ? uri.substring(1) : uri.startsWith("/") ? "file://" + uri : uri;
  }
}
