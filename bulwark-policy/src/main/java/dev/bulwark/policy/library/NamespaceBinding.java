package dev.bulwark.policy.library;

import dev.bulwark.api.BulwarkLabels;
import java.util.List;
import java.util.Map;

/**
 * Which namespaces a policy is bound to, as one rule that every enforcement target follows: the
 * exported bindings and Constraints express it as a label selector, and the in-process engine (the
 * webhook, audits of a live cluster) applies it to the namespace's labels, so that all of them
 * judge the same objects.
 *
 * <p>A tenant rule binds to tenant namespaces: those with a tenant label other than {@code
 * platform} (the platform's own components are not held to tenant rules). A Pod Security control
 * binds to every namespace Bulwark labels, the platform's included, where the namespace's enforced
 * level includes it: a baseline control in baseline and restricted namespaces, a restricted one in
 * restricted namespaces. Pod Security Admission refuses a platform component's pods there just as
 * it refuses a tenant's, so an audit that skipped them would miss components that never start (ADR
 * 0018).
 */
public final class NamespaceBinding {

  public static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

  private NamespaceBinding() {}

  /** The enforce levels whose namespaces a Pod Security control binds to. */
  public static List<String> levels(Policy policy) {
    return Policy.BASELINE.equals(policy.level())
        ? List.of(Policy.BASELINE, Policy.RESTRICTED)
        : List.of(Policy.RESTRICTED);
  }

  /** Whether the policy is bound to a namespace with these labels. */
  public static boolean binds(Policy policy, Map<String, String> namespaceLabels) {
    return namespaceLabels.containsKey(BulwarkLabels.TENANT)
        && bindsAssumingTenant(policy, namespaceLabels);
  }

  /**
   * The same for a namespace taken to be a tenant's unless its labels say it is the platform's: how
   * audits of manifests judge namespaces they do not see, so that they stay strict.
   */
  public static boolean bindsAssumingTenant(Policy policy, Map<String, String> namespaceLabels) {
    if (policy.isPss()) {
      String level = namespaceLabels.get(PSA_ENFORCE);
      return level != null && levels(policy).contains(level);
    }
    return !isPlatform(namespaceLabels);
  }

  /** Whether a namespace with these labels belongs to the platform rather than to a tenant. */
  public static boolean isPlatform(Map<String, String> namespaceLabels) {
    return BulwarkLabels.PLATFORM_TENANT.equals(namespaceLabels.get(BulwarkLabels.TENANT));
  }
}
