package dev.bulwark.policy.audit;

import dev.bulwark.policy.Severity;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.library.Policy;
import java.util.List;

/**
 * Everything an audit found: per-object results, the policies that were applied, and input that
 * could not be read.
 */
public record AuditReport(
    List<Policy> policies, List<ObjectResult> results, List<InputError> errors) {

  public AuditReport {
    policies = List.copyOf(policies);
    results = List.copyOf(results);
    errors = List.copyOf(errors);
  }

  public List<Finding> findings() {
    return results.stream().flatMap(r -> r.findings().stream()).toList();
  }

  /** The objects of custom kinds that no policy matched, so nothing judged them. */
  public List<ObjectResult> notJudged() {
    return results.stream().filter(r -> !r.judged()).toList();
  }

  /** Counting (not exempted) findings at or above the severity. */
  public long failing(Severity threshold) {
    return findings().stream()
        .filter(Finding::counts)
        .filter(f -> f.severity().atLeast(threshold))
        .count();
  }

  /** 2 for input errors, 1 for findings at or above the threshold, else 0. */
  public int exitCode(Severity failOn) {
    if (!errors.isEmpty()) {
      return 2;
    }
    return failing(failOn) > 0 ? 1 : 0;
  }
}
