package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.Finding;
import java.io.IOException;
import java.io.Writer;

/** Machine-readable report: summary, per-object findings and input errors. */
final class JsonReport {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static void write(AuditReport report, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    summary.put("objects", report.results().size());
    summary.put("violations", report.findings().stream().filter(Finding::counts).count());
    summary.put("exempted", report.findings().stream().filter(f -> !f.counts()).count());
    summary.put("inputErrors", report.errors().size());
    summary.put("notJudged", report.notJudged().size());
    ArrayNode results = root.putArray("results");
    for (ObjectResult r : report.results()) {
      ObjectNode o = results.addObject();
      o.put("file", r.location().source());
      o.put("line", r.location().line());
      o.put("kind", r.kind());
      o.put("namespace", r.namespace());
      o.put("name", r.name());
      o.put("judged", r.judged());
      ArrayNode findings = o.putArray("findings");
      for (Finding f : r.findings()) {
        ObjectNode j = findings.addObject();
        j.put("policy", f.policyId());
        j.put("title", f.policy().title());
        j.put("severity", f.severity().label());
        j.put("category", f.policy().category().label());
        j.put("action", f.policy().action().name().toLowerCase(java.util.Locale.ROOT));
        j.put("message", f.message());
        j.put("error", f.error());
        j.put("remediation", f.policy().remediation());
        if (f.exemption() != null) {
          ObjectNode e = j.putObject("exemption");
          e.put("source", f.exemption().source());
          e.put("reason", f.exemption().reason());
          if (f.exemption().owner() != null) {
            e.put("owner", f.exemption().owner());
            e.put("expires", f.exemption().expires().toString());
          }
        }
      }
    }
    ArrayNode errors = root.putArray("errors");
    for (InputError e : report.errors()) {
      errors
          .addObject()
          .put("file", e.location().source())
          .put("line", e.location().line())
          .put("message", e.message());
    }
    MAPPER.writeValue(new NonClosingWriter(out), root);
    out.write("\n");
  }

  /** Jackson closes the writer it is given; the caller owns standard output. */
  static final class NonClosingWriter extends java.io.FilterWriter {
    NonClosingWriter(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
