package dev.bulwark.gate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Reason;
import java.util.Locale;
import java.util.Map;

/** The decision for machines: outcome, policy, every reason and every finding with its verdict. */
public final class JsonReport {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String write(Decision decision) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("decision", decision.outcome());
    doc.put("application", decision.policy().application());
    doc.put("environment", decision.policy().environment());
    doc.put("imageDigest", decision.inputs().digest());
    ObjectNode policy = doc.putObject("policy");
    policy.put("failOn", decision.policy().failOn().label());
    policy.put("requireSignature", decision.policy().requireSignature());
    policy.put("requireDast", decision.policy().requireDast());
    policy.put("date", decision.policy().today().toString());
    ArrayNode reasons = doc.putArray("reasons");
    for (Reason r : decision.reasons()) {
      ObjectNode reason = reasons.addObject();
      reason.put("verdict", verdict(r));
      reason.put("rule", r.rule());
      reason.put("message", r.message());
      r.finding().ifPresent(f -> reason.set("finding", finding(f)));
    }
    ArrayNode findings = doc.putArray("findings");
    Map<Finding, Reason> byFinding = decision.reasonsByFinding();
    for (Finding f : decision.findings()) {
      ObjectNode node = finding(f);
      Reason r = byFinding.get(f);
      node.put("verdict", r == null ? "below-threshold" : verdict(r));
      findings.add(node);
    }
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String verdict(Reason r) {
    return r.verdict().name().toLowerCase(Locale.ROOT);
  }

  static ObjectNode finding(Finding f) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", f.kind().label());
    node.put("id", f.id());
    if (!f.aliases().isEmpty()) {
      ArrayNode aliases = node.putArray("aliases");
      f.aliases().stream().sorted().forEach(aliases::add);
    }
    node.put("severity", f.severity().label());
    if (f.component() != null) {
      node.put("component", f.component());
    }
    if (!f.location().isEmpty()) {
      node.put("location", f.location());
    }
    if (!f.source().isEmpty()) {
      node.put("source", f.source());
    }
    node.put("title", f.title());
    return node;
  }
}
