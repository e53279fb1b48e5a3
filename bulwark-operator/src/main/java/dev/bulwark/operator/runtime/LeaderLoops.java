package dev.bulwark.operator.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The periodic loops only the leader runs (the kept scorecard, the cluster audit): each writes
 * status or reports for the whole cluster, so every replica running them would only repeat the same
 * writes and the same reads of every tenant. A loop added while this replica leads starts at once;
 * the others start when it comes to lead and all stop when it stops leading.
 */
final class LeaderLoops implements AutoCloseable {

  private final List<LeaderTask> loops = new ArrayList<>();
  private boolean leading;

  /** Runs {@code starter}'s loop whenever this replica leads. */
  synchronized void add(Supplier<? extends AutoCloseable> starter) {
    LeaderTask loop = new LeaderTask(starter);
    loops.add(loop);
    if (leading) {
      loop.start();
    }
  }

  /** This replica leads now: every loop starts. */
  synchronized void lead() {
    leading = true;
    loops.forEach(LeaderTask::start);
  }

  /** This replica no longer leads: every loop stops. */
  synchronized void follow() {
    leading = false;
    loops.forEach(LeaderTask::stop);
  }

  /** Whether this replica runs the loops now. */
  synchronized boolean leading() {
    return leading;
  }

  @Override
  public void close() {
    follow();
  }
}
