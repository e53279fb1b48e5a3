package dev.bulwark.policy.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.library.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A cluster audit as {@code wgpolicyk8s.io/v1alpha2} reports: one PolicyReport per namespace and
 * one ClusterPolicyReport for cluster-scoped objects, each named {@value #NAME} so that applying
 * them again replaces the last audit's. Every object gets one result per policy that applied to it
 * (pass, fail, warn, error or skip), so a fixed object shows as a pass rather than disappearing.
 */
public final class PolicyReports {

  /** The name of every report the audit writes; its owner's field manager too. */
  public static final String NAME = "bulwark-audit";

  public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
  static final String TENANT_LABEL = "bulwark.dev/tenant";
  private static final List<String> RESULTS = List.of("pass", "fail", "warn", "error", "skip");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyReports() {}

  /**
   * The reports of {@code report}, namespaced ones first by namespace name, the cluster report last
   * (only when cluster-scoped objects were audited).
   *
   * @param tenantOf the tenant a namespace belongs to, or empty; labels its report so that a
   *     tenant's scorecard reads it
   */
  public static List<ObjectNode> of(
      AuditReport report, Function<String, String> tenantOf, Instant now) {
    Map<String, Policy> policies = new HashMap<>();
    report.policies().forEach(p -> policies.put(p.id(), p));
    Map<String, ArrayNode> byNamespace = new TreeMap<>();
    for (ObjectResult object : report.results()) {
      ArrayNode results =
          byNamespace.computeIfAbsent(object.namespace(), n -> JSON.createArrayNode());
      for (ObjectNode r : results(object, policies, now)) {
        results.add(r);
      }
    }
    List<ObjectNode> reports = new ArrayList<>();
    byNamespace.forEach(
        (namespace, results) -> {
          if (!namespace.isEmpty()) {
            reports.add(report(namespace, tenantOf.apply(namespace), results));
          }
        });
    if (byNamespace.containsKey("")) {
      reports.add(report("", "", byNamespace.get("")));
    }
    return reports;
  }

  /** One result per policy that applied, and one per finding of a policy that did not. */
  private static List<ObjectNode> results(
      ObjectResult object, Map<String, Policy> policies, Instant now) {
    Map<String, List<Finding>> findings = new TreeMap<>();
    object.evaluated().forEach(id -> findings.put(id, new ArrayList<>()));
    object
        .findings()
        .forEach(f -> findings.computeIfAbsent(f.policyId(), id -> new ArrayList<>()).add(f));
    List<ObjectNode> results = new ArrayList<>();
    findings.forEach(
        (id, found) -> {
          Policy policy = found.isEmpty() ? policies.get(id) : found.get(0).policy();
          if (policy != null) {
            results.add(result(object, policy, found, now));
          }
        });
    return results;
  }

  private static ObjectNode result(
      ObjectResult object, Policy policy, List<Finding> found, Instant now) {
    ObjectNode r = JSON.createObjectNode();
    r.put("source", "bulwark");
    r.put("policy", policy.id());
    r.put("rule", policy.id());
    r.put("result", outcome(found));
    r.put("severity", policy.severity().label());
    r.put("category", policy.category().label());
    r.put(
        "message",
        found.isEmpty()
            ? object.describe() + " passes: " + policy.title()
            : String.join(
                "; ",
                found.stream()
                    .map(f -> f.counts() ? f.message() : f.message() + " (exempted)")
                    .toList()));
    ObjectNode resource = r.putArray("resources").addObject();
    resource.put("kind", object.kind());
    if (!object.namespace().isEmpty()) {
      resource.put("namespace", object.namespace());
    }
    resource.put("name", object.name());
    r.putObject("timestamp").put("seconds", now.getEpochSecond()).put("nanos", 0);
    return r;
  }

  /** The worst of the findings: an evaluation error, a denial, a warning; all exempted → skip. */
  static String outcome(List<Finding> found) {
    List<Finding> counting = found.stream().filter(Finding::counts).toList();
    if (found.isEmpty()) {
      return "pass";
    }
    if (counting.isEmpty()) {
      return "skip";
    }
    if (counting.stream().anyMatch(Finding::error)) {
      return "error";
    }
    return counting.stream().anyMatch(Finding::denies) ? "fail" : "warn";
  }

  private static ObjectNode report(String namespace, String tenant, ArrayNode results) {
    ObjectNode report = JSON.createObjectNode();
    report.put("apiVersion", API_VERSION);
    report.put("kind", namespace.isEmpty() ? "ClusterPolicyReport" : "PolicyReport");
    ObjectNode metadata = report.putObject("metadata");
    metadata.put("name", NAME);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    ObjectNode labels = metadata.putObject("labels");
    labels.put("app.kubernetes.io/managed-by", "bulwark");
    if (tenant != null && !tenant.isEmpty()) {
      labels.put(TENANT_LABEL, tenant);
    }
    ObjectNode summary = JSON.createObjectNode();
    RESULTS.forEach(k -> summary.put(k, 0));
    results.forEach(
        r ->
            summary.put(
                r.get("result").asText(), summary.get(r.get("result").asText()).asInt() + 1));
    report.set("summary", summary);
    report.set("results", results);
    return report;
  }
}
