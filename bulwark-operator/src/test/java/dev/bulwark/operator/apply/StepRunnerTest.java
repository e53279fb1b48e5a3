package dev.bulwark.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A step's objects are applied at most {@code parallel} at once; the results keep their order. */
class StepRunnerTest {

  @Test
  void runsUpToTheLimitAtOnceAndKeepsTheItemsOrder() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 40).boxed().toList();

    List<String> results =
        StepRunner.run(
            items,
            4,
            i -> {
              most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              sleep(15 + (i % 3) * 10); // out of order on purpose
              inFlight.decrementAndGet();
              return "r" + i;
            });

    assertThat(results).isEqualTo(items.stream().map(i -> "r" + i).toList());
    assertThat(most.get()).isBetween(2, 4);
  }

  @Test
  void oneAtATimeRunsOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    List<Boolean> onCaller =
        StepRunner.run(List.of(1, 2, 3), 1, i -> Thread.currentThread() == caller);
    assertThat(onCaller).containsOnly(true);
  }

  @Test
  void aFailureOfOneItemIsThrownAfterTheOthersFinished() {
    AtomicInteger done = new AtomicInteger();
    assertThatThrownBy(
            () ->
                StepRunner.run(
                    IntStream.range(0, 10).boxed().toList(),
                    3,
                    i -> {
                      sleep(10);
                      if (i == 2) {
                        throw new IllegalArgumentException("object 2 is malformed");
                      }
                      return done.incrementAndGet();
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("object 2 is malformed");
    assertThat(done.get()).isEqualTo(9);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
