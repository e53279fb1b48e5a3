package dev.bulwark.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's loops start when this replica leads, whenever they are added, and stop after. */
class LeaderLoopsTest {

  private final List<String> events = new ArrayList<>();

  private AutoCloseable loop(String name) {
    events.add("start " + name);
    return () -> events.add("stop " + name);
  }

  @Test
  void aLoopAddedBeforeLeadingWaitsAndOneAddedWhileLeadingStartsAtOnce() {
    LeaderLoops loops = new LeaderLoops();
    loops.add(() -> loop("scorecard"));
    assertThat(events).as("a standby runs nothing").isEmpty();
    assertThat(loops.leading()).isFalse();

    loops.lead();
    assertThat(events).containsExactly("start scorecard");
    loops.add(() -> loop("audit"));
    assertThat(events).containsExactly("start scorecard", "start audit");
    assertThat(loops.leading()).isTrue();
  }

  @Test
  void losingTheLeaseStopsEveryLoopAndLeadingAgainRestartsThem() {
    LeaderLoops loops = new LeaderLoops();
    loops.add(() -> loop("scorecard"));
    loops.add(() -> loop("audit"));
    loops.lead();
    loops.lead(); // a repeated callback starts nothing twice
    loops.follow();
    assertThat(events)
        .containsExactly("start scorecard", "start audit", "stop scorecard", "stop audit");
    assertThat(loops.leading()).isFalse();

    events.clear();
    loops.lead();
    loops.close();
    assertThat(events)
        .containsExactly("start scorecard", "start audit", "stop scorecard", "stop audit");
  }
}
