package dev.bulwark.policy.engine;

import dev.bulwark.policy.Severity;
import dev.bulwark.policy.library.Policy;

/**
 * One failed validation of one policy on one object.
 *
 * @param policy the policy
 * @param validation index of the failed validation in the policy; -1 for an evaluation error or a
 *     finding that is not a validation (an expired exemption)
 * @param message what is wrong, for people
 * @param error true when the policy could not be evaluated (the object is malformed for it)
 * @param exemption why it does not count, or null when it counts
 */
public record Finding(
    Policy policy, int validation, String message, boolean error, Exemption exemption) {

  public String policyId() {
    return policy.id();
  }

  public Severity severity() {
    return policy.severity();
  }

  /** Whether the finding counts: it is not exempted. */
  public boolean counts() {
    return exemption == null;
  }

  /** Whether it blocks admission: it counts and its policy denies. */
  public boolean denies() {
    return counts() && policy.action() == Policy.Action.DENY;
  }

  public Finding exempt(Exemption why) {
    return new Finding(policy, validation, message, error, why);
  }
}
