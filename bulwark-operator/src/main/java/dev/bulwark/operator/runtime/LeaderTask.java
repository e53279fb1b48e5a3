package dev.bulwark.operator.runtime;

import java.util.function.Supplier;

/**
 * Work that must run in one replica only: started when this replica becomes the leader, stopped
 * when it stops leading. Promotions commit to the GitOps repository, so two replicas watching the
 * same Applications would race for the same commit.
 */
final class LeaderTask implements AutoCloseable {

  private final Supplier<? extends AutoCloseable> starter;
  private AutoCloseable running;

  LeaderTask(Supplier<? extends AutoCloseable> starter) {
    this.starter = starter;
  }

  /** Starts the work unless it runs. */
  synchronized void start() {
    if (running == null) {
      running = starter.get();
    }
  }

  /** Stops the work if it runs. */
  synchronized void stop() {
    if (running != null) {
      try {
        running.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop " + running, e);
      } finally {
        running = null;
      }
    }
  }

  /** Whether the work runs now. */
  synchronized boolean running() {
    return running != null;
  }

  @Override
  public void close() {
    stop();
  }
}
