package dev.bulwark.platform.secrets;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition of the engines' work until it holds, or fails saying what did not happen. */
final class Awaits {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private Awaits() {}

  /**
   * @param what what is awaited, for the failure message
   * @param context more for the failure message (a log tail); it must print no secret value
   */
  static void until(String what, BooleanSupplier condition, Supplier<String> context) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted awaiting " + what, e);
      }
    }
    throw new AssertionError("not within " + TIMEOUT + ": " + what + "\n" + context.get());
  }
}
