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
 * <p>A policy binds to tenant namespaces: those with a tenant label other than {@code platform}
 * (the platform's own components are held to Pod Security Admission, not to tenant rules). A Pod
 * Security control binds, in addition, only where the namespace's enforced level includes it: a
 * baseline control in baseline and restricted namespaces, a restricted one in restricted
 * namespaces.
 */
public final class NamespaceBinding {

  public static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

  private NamespaceBinding() {}

  /** The enforce levels whose namespaces a Pod Security control binds to. */
  public static List<String> levels(Policy policy) {
    return Policy.BASELINE.equals(policy.level()) ? List.of(Policy.BASELINE, Policy.RESTRICTED) : List.of(Policy.RESTRICTED);
  }

  /** Whether the policy is bound to a namespace with these labels. */
  public static boolean binds(Policy policy, Map<String, String> namespaceLabels) {
    return namespaceLabels.containsKey(BulwarkLabels.TENANT) && bindsAssumingTenant(policy, namespaceLabels);
  }

  /**
   * The same for a namespace taken to be a tenant's unless its labels say it is the platform's:
   * how audits of manifests judge namespaces they do not see, so that they stay strict.
   */
  public static boolean bindsAssumingTenant(Policy policy, Map<String, String> namespaceLabels) {
    String level = namespaceLabels.get(PSA_ENFORCE);
    return !isPlatform(namespaceLabels) && (!policy.isPss() || level != null && levels(policy).contains(level));
  }

  /** Whether a namespace with these labels belongs to the platform rather than to a tenant. */
  public static boolean isPlatform(Map<String, String> namespaceLabels) {
    return BulwarkLabels.PLATFORM_TENANT.equals(namespaceLabels.get(BulwarkLabels.TENANT));
  }
}
