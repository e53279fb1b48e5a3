package dev.bulwark.gate.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.gate.Decision;
import dev.bulwark.gate.Finding;
import dev.bulwark.gate.Reason;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The decision kept as evidence: a {@code wgpolicyk8s.io/v1alpha2} PolicyReport in the
 * application's environment namespace, labelled with tenant, application, environment and image,
 * with one result per finding, one per required fact (signature, DAST, a missing report) and one
 * for the decision, so Kyverno's and Policy Reporter's tools list it next to admission results.
 */
public final class PolicyReportWriter {

  public static final String POLICY = "bulwark-gate";
  public static final String IMAGE_LABEL = "bulwark.dev/image-digest";

  private PolicyReportWriter() {}

  public static ObjectNode of(Decision decision, String namespace, Instant now) {
    String tenant = decision.policy().application().split("/", 2)[0];
    String app = decision.policy().application().split("/", 2)[1];
    String hex = decision.inputs().digest().substring("sha256:".length());
    ObjectNode report = JsonReport.JSON.createObjectNode();
    report.put("apiVersion", "wgpolicyk8s.io/v1alpha2");
    report.put("kind", "PolicyReport");
    ObjectNode metadata = report.putObject("metadata");
    metadata.put("name", name(app, decision.policy().environment(), hex));
    metadata.put("namespace", namespace);
    ObjectNode labels = metadata.putObject("labels");
    labels.put(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
    labels.put(BulwarkLabels.TENANT, tenant);
    labels.put(BulwarkLabels.APPLICATION, app);
    labels.put(BulwarkLabels.ENVIRONMENT, decision.policy().environment());
    // A label value holds at most 63 characters: the digest's hex is cut there, the annotation
    // keeps it whole.
    labels.put(IMAGE_LABEL, hex.substring(0, 63));
    metadata.putObject("annotations").put(IMAGE_LABEL, decision.inputs().digest());
    ArrayNode results = report.putArray("results");
    int[] counts = new int[5]; // pass, fail, warn, error, skip
    Map<Finding, Reason> byFinding = decision.reasonsByFinding();
    for (Finding f : decision.findings()) {
      Reason reason = byFinding.get(f);
      String result = result(reason);
      count(counts, result);
      ObjectNode r =
          base(results.addObject(), reason == null ? "severity" : reason.rule(), result, now);
      r.put("severity", f.severity().label());
      r.put("category", f.kind().label());
      r.put(
          "message",
          reason != null
              ? reason.message()
              : f.subject() + ": below " + decision.policy().failOn().label());
      ObjectNode props = r.putObject("properties");
      props.put("id", f.id());
      if (f.component() != null) {
        props.put("component", f.component());
      }
      if (!f.location().isEmpty()) {
        props.put("location", f.location());
      }
    }
    // Reasons about facts rather than findings (signature, DAST, missing reports) are evidence too.
    for (Reason reason : decision.reasons()) {
      if (reason.finding().isEmpty() && reason.verdict() != Reason.Verdict.NOTE) {
        String result = result(reason);
        count(counts, result);
        ObjectNode r = base(results.addObject(), reason.rule(), result, now);
        r.put("category", reason.rule());
        r.put("message", reason.message());
      }
    }
    String outcome = decision.passed() ? "pass" : "fail";
    count(counts, outcome);
    ObjectNode d = base(results.addObject(), "decision", outcome, now);
    d.put("category", "decision");
    d.put(
        "message",
        "gate "
            + decision.outcome()
            + ": "
            + decision.reasons(Reason.Verdict.BLOCKS).size()
            + " blocking reason(s)");
    d.putObject("properties").put("imageDigest", decision.inputs().digest());
    ObjectNode summary = report.putObject("summary");
    String[] keys = {"pass", "fail", "warn", "error", "skip"};
    for (int i = 0; i < keys.length; i++) {
      summary.put(keys[i], counts[i]);
    }
    return report;
  }

  private static String name(String app, String env, String hex) {
    String name = "gate-" + app + "-" + env;
    return (name.length() > 240 ? name.substring(0, 240) : name) + "-" + hex.substring(0, 12);
  }

  private static ObjectNode base(ObjectNode r, String rule, String result, Instant now) {
    r.put("source", "bulwark");
    r.put("policy", POLICY);
    r.put("rule", rule);
    r.put("result", result);
    r.putObject("timestamp").put("seconds", now.getEpochSecond()).put("nanos", now.getNano());
    return r;
  }

  /** Blocking → fail; waived → warn; VEX-cleared → skip; below the threshold → pass. */
  private static String result(Reason reason) {
    if (reason == null) {
      return "pass";
    }
    return switch (reason.verdict()) {
      case BLOCKS -> "fail";
      case WAIVED -> "warn";
      case CLEARED -> "skip";
      case PASSES, NOTE -> "pass";
    };
  }

  private static void count(int[] counts, String result) {
    int i =
        java.util.List.of("pass", "fail", "warn", "error", "skip")
            .indexOf(result.toLowerCase(Locale.ROOT));
    counts[i]++;
  }
}
