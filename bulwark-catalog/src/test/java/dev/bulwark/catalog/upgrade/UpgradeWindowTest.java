package dev.bulwark.catalog.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.UpgradeSpec.Day;
import dev.bulwark.api.v1alpha1.UpgradeSpec.WindowSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeWindowTest {

  static WindowSpec window(List<Day> days, String start, String duration, String zone) {
    WindowSpec w = new WindowSpec();
    w.setDays(days);
    w.setStart(start);
    w.setDuration(duration);
    w.setTimeZone(zone);
    return w;
  }

  // 2026-12-05 is a Saturday.
  static final MaintenanceWindow SATURDAY_NIGHT_BERLIN =
      MaintenanceWindow.of(window(List.of(Day.SAT), "23:00", "3h", "Europe/Berlin"));

  @Test
  void isOpenFromItsStartForItsLengthInItsZoneAcrossMidnight() {
    MaintenanceWindow w = SATURDAY_NIGHT_BERLIN;
    assertThat(w.isOpen(Instant.parse("2026-12-05T21:59:00Z"))).isFalse();
    assertThat(w.isOpen(Instant.parse("2026-12-05T22:00:00Z"))).isTrue();
    assertThat(w.isOpen(Instant.parse("2026-12-06T00:59:00Z"))).isTrue();
    assertThat(w.isOpen(Instant.parse("2026-12-06T01:00:00Z"))).isFalse();
    assertThat(w.isOpen(Instant.parse("2026-12-03T22:30:00Z"))).isFalse();
  }

  @Test
  void nextOpeningIsTheNextStartOnOneOfItsDays() {
    assertThat(SATURDAY_NIGHT_BERLIN.nextOpening(Instant.parse("2026-12-06T01:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-12T22:00:00Z"));
    assertThat(SATURDAY_NIGHT_BERLIN.nextOpening(Instant.parse("2026-12-04T01:40:00Z")))
        .isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
  }

  @Test
  void aWindowThatNeverOpensOrNeverClosesIsAProblemOfItsField() {
    assertThat(MaintenanceWindow.problems(window(List.of(), "01:00", "1h", "UTC")))
        .containsOnlyKeys("days");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "01:00", "0m", "UTC")))
        .containsEntry("duration", "a window of no length never opens: give it at least a minute");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "01:00", "", "UTC")))
        .containsOnlyKeys("duration");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "01:00", "169h", "UTC")))
        .containsOnlyKeys("duration");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "01:00", "1h", "Mars/Olympus")))
        .containsOnlyKeys("timeZone");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "1am", "1h", "UTC")))
        .containsOnlyKeys("start");
    assertThat(MaintenanceWindow.problems(window(List.of(Day.MON), "01:00", "1h30m", "UTC")))
        .isEmpty();
  }
}
