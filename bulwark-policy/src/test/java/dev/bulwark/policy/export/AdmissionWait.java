package dev.bulwark.policy.export;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.TimeUnit;

/** Admission policies take effect a moment after they are created: retry until refused. */
public final class AdmissionWait {

  /** An attempt at a request, to be refused. */
  @FunctionalInterface
  public interface Attempt {
    void run();
  }

  private AdmissionWait() {}

  /** The refusal (403 or 422) of {@code attempt}, retried for up to 30 seconds. */
  public static KubernetesClientException awaitDenied(Attempt attempt, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        attempt.run();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403 || e.getCode() == 422) {
          return e;
        }
        throw e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the API server still admits " + what + " after 30s");
      }
      Thread.sleep(250);
    }
  }
}
