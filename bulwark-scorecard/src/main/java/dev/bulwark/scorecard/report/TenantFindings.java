package dev.bulwark.scorecard.report;

import dev.bulwark.scorecard.Observation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per tenant, how many findings of each severity its PolicyReports hold: the results that failed or
 * warned (the policy audit's and the gate's), not the passes, skips and errors, which are no
 * finding about the tenant's objects. Results of no tenant (cluster-scoped reports) are left out; a
 * tenant without findings is there with zeros.
 *
 * @param counts tenant → severity (in {@link #SEVERITIES} order) → findings
 */
public record TenantFindings(SortedMap<String, Map<String, Long>> counts) {

  /** The severities of the wg-policy PolicyReport, worst first, then results that carry none. */
  public static final List<String> SEVERITIES =
      List.of("critical", "high", "medium", "low", "info", "unrated");

  private static final List<String> FINDINGS = List.of("fail", "warn");

  public TenantFindings {
    SortedMap<String, Map<String, Long>> copy = new TreeMap<>();
    counts.forEach((t, c) -> copy.put(t, Collections.unmodifiableMap(new LinkedHashMap<>(c))));
    counts = Collections.unmodifiableSortedMap(copy);
  }

  /** The findings of {@code tenants} among the observation's policy results. */
  public static TenantFindings of(Observation observation, List<String> tenants) {
    SortedMap<String, Map<String, Long>> counts = new TreeMap<>();
    for (String tenant : tenants) {
      Map<String, Long> bySeverity = new LinkedHashMap<>();
      SEVERITIES.forEach(s -> bySeverity.put(s, 0L));
      counts.put(tenant, bySeverity);
    }
    for (Observation.PolicyResult result : observation.policyResults()) {
      Map<String, Long> bySeverity = counts.get(result.tenant());
      if (bySeverity != null && FINDINGS.contains(result.result().toLowerCase(Locale.ROOT))) {
        bySeverity.merge(severity(result.severity()), 1L, Long::sum);
      }
    }
    return new TenantFindings(counts);
  }

  /** Findings of {@code tenant} with {@code severity}. */
  public long count(String tenant, String severity) {
    return counts.getOrDefault(tenant, Map.of()).getOrDefault(severity, 0L);
  }

  /** All findings of {@code tenant}. */
  public long total(String tenant) {
    return counts.getOrDefault(tenant, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  private static String severity(String label) {
    String lower = label.toLowerCase(Locale.ROOT);
    return SEVERITIES.contains(lower) ? lower : "unrated";
  }
}
