package dev.bulwark.policy.webhook;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the admission webhook runs.
 *
 * @param bindAddress address to listen on, for example 0.0.0.0
 * @param port HTTPS port; 0 picks a free one
 * @param certificate PEM certificate chain of the server
 * @param privateKey PEM private key of the server (PKCS#8, PKCS#1 or SEC1)
 * @param ownNamespace the namespace the webhook runs in; requests there are always allowed, so the
 *     webhook can never lock itself out
 * @param failurePolicy what to answer when a policy cannot be evaluated on a request
 * @param gracePeriod how long shutdown waits for requests in flight
 */
public record WebhookConfig(
    String bindAddress,
    int port,
    Path certificate,
    Path privateKey,
    String ownNamespace,
    FailurePolicy failurePolicy,
    Duration gracePeriod) {

  /**
   * Mirrors the failurePolicy of a ValidatingWebhookConfiguration, for evaluation errors inside the
   * webhook.
   */
  public enum FailurePolicy {
    /** Deny the request: a policy that cannot be checked does not let the object through. */
    FAIL,
    /** Allow the request, with a warning naming the policy that could not be evaluated. */
    IGNORE
  }
}
