package dev.bulwark.operator.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Runs one step of a pass: each item at most {@code parallel} at a time, the results in the items'
 * order, so that a pass reports (and records its inventory) the same whatever the timing.
 */
final class StepRunner {

  private StepRunner() {}

  static <T, R> List<R> run(List<T> items, int parallel, Function<T, R> work) {
    if (items.size() < 2 || parallel == 1) {
      return items.stream().map(work).toList();
    }
    // the reconcile's log context (which resource) follows the work onto the workers
    Map<String, String> context = MDC.getCopyOfContextMap();
    Semaphore slots = new Semaphore(parallel);
    List<Future<R>> futures = new ArrayList<>(items.size());
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        futures.add(
            workers.submit(
                () -> {
                  slots.acquire();
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  try {
                    return work.apply(item);
                  } finally {
                    MDC.clear();
                    slots.release();
                  }
                }));
      }
      List<R> results = new ArrayList<>(items.size());
      for (Future<R> future : futures) {
        results.add(resultOf(future));
      }
      return results;
    }
  }

  private static <R> R resultOf(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
