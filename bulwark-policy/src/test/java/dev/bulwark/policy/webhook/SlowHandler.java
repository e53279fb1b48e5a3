package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.engine.ExemptionFile;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** Holds every request until released, to keep one in flight during shutdown. */
final class SlowHandler {

  static final Semaphore entered = new Semaphore(0);
  private final AdmissionHandler delegate;
  private final CountDownLatch hold;

  SlowHandler(AdmissionHandler delegate, CountDownLatch hold) {
    this.delegate = delegate;
    this.hold = hold;
  }

  AdmissionHandler wrapped() {
    return new AdmissionHandler(
        null, null, ExemptionFile.NONE, "", WebhookConfig.FailurePolicy.FAIL, Clock.systemUTC()) {
      @Override
      public Decision handle(JsonNode review, ObjectMapper json) {
        entered.release();
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return delegate.handle(review, json);
      }
    };
  }
}
