package dev.bulwark.delivery;

/**
 * The port through which promotion learns whether an environment passed. The cluster implementation
 * reads Argo CD ({@link ArgoCdEvidence}); a test can give the states it needs.
 */
@FunctionalInterface
public interface PromotionEvidence {

  /** The state of {@code application} of {@code tenant} in {@code environment}. */
  EnvironmentState observe(String tenant, String application, String environment);

  /**
   * The DAST scan of {@code digest} that a release of {@code target} into {@code environment} waits
   * for (ADR 0050). Evidence that knows of no scans reports none started, so a promotion that needs
   * one never passes by default.
   */
  default DastRun dast(DeliveryTarget target, String environment, Digest digest) {
    return DastRun.notStarted(DastRuns.name(target, environment, digest));
  }
}
