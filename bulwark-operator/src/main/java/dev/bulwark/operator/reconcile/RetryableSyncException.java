package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.ResourceStatus;

/**
 * Some objects failed in a way that may pass on a later try (server error, throttling, a namespace
 * that is not there yet). Thrown so that the framework retries with backoff; it carries the status
 * to record meanwhile.
 */
public class RetryableSyncException extends RuntimeException {

  private final transient ResourceStatus status;

  public RetryableSyncException(String message, ResourceStatus status) {
    super(message);
    this.status = status;
  }

  public ResourceStatus status() {
    return status;
  }
}
