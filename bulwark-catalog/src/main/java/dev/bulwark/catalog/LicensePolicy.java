package dev.bulwark.catalog;

import dev.bulwark.api.v1alpha1.PlatformSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which licences a platform accepts: {@code spec.licenses.allow} when it lists any, otherwise
 * {@link #DEFAULT_ALLOW}, the OSI permissive and weak-copyleft licences. Strong copyleft and
 * source-available licences are outside the default on purpose: running them is often fine, but it
 * should be a decision someone writes down in the spec.
 *
 * @param allowed the accepted SPDX identifiers
 * @param fromSpec whether they come from {@code spec.licenses.allow}
 */
public record LicensePolicy(Set<String> allowed, boolean fromSpec) {

  /** The allow-list when the spec sets none. */
  public static final Set<String> DEFAULT_ALLOW =
      Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0", "ISC");

  public LicensePolicy {
    // Sorted, so that reports list the allow-list the same way every time.
    allowed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
  }

  /** The policy a platform spec states. */
  public static LicensePolicy of(PlatformSpec platform) {
    List<String> allow =
        platform == null || platform.getLicenses() == null
            ? null
            : platform.getLicenses().getAllow();
    return allow == null || allow.isEmpty()
        ? new LicensePolicy(DEFAULT_ALLOW, false)
        : new LicensePolicy(Set.copyOf(allow), true);
  }

  public boolean accepts(LicenseExpression expression) {
    return expression.isSatisfiedBy(allowed);
  }

  /**
   * The identifiers of {@code expression} this policy does not accept (empty when it accepts it).
   */
  public Set<String> unmet(LicenseExpression expression) {
    return expression.unmet(allowed);
  }

  /** Where the allow-list came from, for reports. */
  public String source() {
    return fromSpec
        ? "spec.licenses.allow"
        : "the default allow-list (OSI permissive and weak copyleft)";
  }
}
