package dev.bulwark.policy.workload;

import dev.bulwark.policy.engine.Finding;
import java.util.Set;

/**
 * The two advisory policies the rendered application workloads knowingly do not meet yet: a
 * read-only root filesystem (applications need a writable /tmp, so it needs an emptyDir the
 * workload model does not render yet) and pulling on every start (the local node has no registry to
 * pull from). Both warn by default (ADR 0029); any other finding, and these two if a platform makes
 * them deny, still fails the tests that use this.
 */
public final class KnownAdvisories {

  private static final Set<String> IDS =
      Set.of("platform-read-only-root", "platform-image-pull-always");

  private KnownAdvisories() {}

  /** Whether {@code finding} is one of the known advisories, at warning level. */
  public static boolean accepts(Finding finding) {
    return IDS.contains(finding.policyId()) && !finding.denies();
  }
}
