package dev.bulwark.catalog.upgrade;

import dev.bulwark.api.v1alpha1.UpgradeSpec.Day;
import dev.bulwark.api.v1alpha1.UpgradeSpec.WindowSpec;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly maintenance window: it opens at {@code start} on each of {@code days} in {@code zone}
 * and stays open for {@code length}. Pure: the instant to judge is passed in.
 */
public record MaintenanceWindow(
    Set<DayOfWeek> days, LocalTime start, Duration length, ZoneId zone) {

  private static final Pattern DURATION = Pattern.compile("^(?:([0-9]+)h)?(?:([0-9]+)m)?$");
  private static final Duration WEEK = Duration.ofDays(7);

  public MaintenanceWindow {
    days = Set.copyOf(days);
  }

  /**
   * What is wrong with a window spec, by field path under {@code spec.upgrade.window}; a window
   * that never opens is wrong. Empty when it is a window.
   */
  public static Map<String, String> problems(WindowSpec spec) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (spec.getDays() == null || spec.getDays().isEmpty()) {
      problems.put("days", "no day is given, so the window never opens: name at least one day");
    }
    if (spec.getStart() == null || !spec.getStart().matches("^([01][0-9]|2[0-3]):[0-5][0-9]$")) {
      problems.put("start", "expected HH:MM on a 24-hour clock, got '" + spec.getStart() + "'");
    }
    Optional<Duration> length = duration(spec.getDuration());
    if (length.isEmpty()) {
      problems.put(
          "duration",
          "expected hours and minutes (4h, 90m, 1h30m), got '" + spec.getDuration() + "'");
    } else if (length.get().isZero()) {
      problems.put("duration", "a window of no length never opens: give it at least a minute");
    } else if (length.get().compareTo(WEEK) > 0) {
      problems.put(
          "duration",
          "longer than a week, so it never closes: remove the window to allow any time");
    }
    try {
      ZoneId.of(spec.getTimeZone() == null ? "UTC" : spec.getTimeZone());
    } catch (DateTimeException e) {
      problems.put(
          "timeZone", "'" + spec.getTimeZone() + "' is not UTC or an IANA zone like Europe/Berlin");
    }
    return problems;
  }

  /** The window of a spec that has no {@link #problems}. */
  public static MaintenanceWindow of(WindowSpec spec) {
    Map<String, String> problems = problems(spec);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("spec.upgrade.window: " + problems);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    spec.getDays().forEach(d -> days.add(dayOfWeek(d)));
    return new MaintenanceWindow(
        days,
        LocalTime.parse(spec.getStart()),
        duration(spec.getDuration()).orElseThrow(),
        ZoneId.of(spec.getTimeZone() == null ? "UTC" : spec.getTimeZone()));
  }

  /** Whether the window is open at {@code now}. */
  public boolean isOpen(Instant now) {
    return openings(now, -8, 0).stream()
        .anyMatch(o -> !now.isBefore(o) && now.isBefore(o.plus(length)));
  }

  /** The next time the window opens after {@code now}. */
  public Instant nextOpening(Instant now) {
    return openings(now, 0, 8).stream().filter(now::isBefore).findFirst().orElseThrow();
  }

  /** The openings on the days from {@code fromDay} to {@code toDay} around now, in order. */
  private List<Instant> openings(Instant now, int fromDay, int toDay) {
    LocalDate today = now.atZone(zone).toLocalDate();
    List<Instant> openings = new ArrayList<>();
    for (int d = fromDay; d <= toDay; d++) {
      LocalDate date = today.plusDays(d);
      if (days.contains(date.getDayOfWeek())) {
        openings.add(ZonedDateTime.of(date, start, zone).toInstant());
      }
    }
    return openings;
  }

  private static Optional<Duration> duration(String text) {
    Matcher m = text == null ? null : DURATION.matcher(text);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long minutes = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    return Optional.of(Duration.ofHours(hours).plusMinutes(minutes));
  }

  private static DayOfWeek dayOfWeek(Day day) {
    return DayOfWeek.values()[day.ordinal()];
  }
}
