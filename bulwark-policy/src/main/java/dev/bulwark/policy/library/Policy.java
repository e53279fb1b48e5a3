package dev.bulwark.policy.library;

import dev.bulwark.policy.Severity;
import java.util.List;
import java.util.Map;

/**
 * One policy of the library, as data: written once in CEL, evaluated in-process by audit and the
 * webhook, and exported as a ValidatingAdmissionPolicy and a Gatekeeper ConstraintTemplate.
 *
 * @param id stable identifier, a DNS label, used in names, exemptions and reports
 * @param group {@code pss} for Pod Security Standards controls, {@code platform} for hardening
 *     rules
 * @param level for PSS controls, the lowest level that includes them ({@code baseline} or {@code
 *     restricted}); null for platform rules
 * @param action {@link Action#DENY} blocks at admission, {@link Action#WARN} only warns
 * @param exemptible whether an annotation on the object may exempt it (with a reason)
 * @param params parameter names and their default values (strings, booleans, numbers or lists)
 * @param variables policy-local CEL variables, after the library's shared ones
 */
public record Policy(
    String id,
    String title,
    String description,
    String group,
    String level,
    Severity severity,
    Category category,
    Action action,
    boolean exemptible,
    Match match,
    Map<String, Object> params,
    List<Variable> variables,
    List<Validation> validations,
    String remediation,
    List<String> references) {

  public static final String GROUP_PSS = "pss";
  public static final String GROUP_PLATFORM = "platform";
  public static final String BASELINE = "baseline";
  public static final String RESTRICTED = "restricted";

  /** What a failing policy does at admission. */
  public enum Action {
    DENY,
    WARN
  }

  public Policy {
    // Sorted, so that everything written from a policy is byte-identical from run to run.
    params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    variables = List.copyOf(variables);
    validations = List.copyOf(validations);
    references = List.copyOf(references);
  }

  public boolean isPss() {
    return GROUP_PSS.equals(group);
  }

  /** The annotation whose non-empty value exempts an object from this policy, with its reason. */
  public String exemptionAnnotation() {
    return PolicyLibrary.EXEMPTION_ANNOTATION_PREFIX + id;
  }
}
