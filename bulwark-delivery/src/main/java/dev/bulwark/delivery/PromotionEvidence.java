package dev.bulwark.delivery;

/**
 * The port through which promotion learns whether an environment passed. The cluster implementation
 * reads Argo CD ({@link ArgoCdEvidence}); a test can give the states it needs.
 */
@FunctionalInterface
public interface PromotionEvidence {

  /** The state of {@code application} of {@code tenant} in {@code environment}. */
  EnvironmentState observe(String tenant, String application, String environment);
}
