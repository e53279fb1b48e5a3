package dev.bulwark.cli.live;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress for anything that may take more than a second: after one second, and then every few
 * seconds, a line says what is still going on and for how long. Quick steps print nothing.
 */
public final class Progress implements AutoCloseable {

  private final ScheduledExecutorService timer;
  private final long start = System.nanoTime();

  private Progress(PrintWriter out, Supplier<String> what) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bulwark-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          out.printf("  ... %s (%ds)%n", what.get(), elapsed().toSeconds());
          out.flush();
        },
        1,
        3,
        TimeUnit.SECONDS);
  }

  /**
   * Starts reporting {@code what} (asked again at each report, so it can change) after one second.
   */
  public static Progress of(PrintWriter out, Supplier<String> what) {
    return new Progress(out, what);
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
