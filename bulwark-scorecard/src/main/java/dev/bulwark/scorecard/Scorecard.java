package dev.bulwark.scorecard;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The judged essentials of one platform, or of one tenant of it.
 *
 * @param source {@code offline} (a rendered spec: can only say "configured") or {@code live}
 * @param tenant the tenant the scorecard is scoped to, or empty for the whole platform
 * @param lines one line per essential, in the order of {@link Essentials#ALL}
 */
public record Scorecard(Observation.Source source, String tenant, List<Line> lines) {

  public Scorecard {
    lines = List.copyOf(lines);
  }

  /** Per category: the mean of its lines' points, 0 to 100, rounded. */
  public Map<Category, Integer> scoreByCategory() {
    Map<Category, Integer> scores = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      List<Line> of = lines.stream().filter(l -> l.essential().category() == category).toList();
      if (!of.isEmpty()) {
        scores.put(category, percent(of));
      }
    }
    return scores;
  }

  /** The mean of all lines' points, 0 to 100, rounded; what {@code --fail-under} compares. */
  public int overall() {
    return lines.isEmpty() ? 0 : percent(lines);
  }

  /** How many lines have each status. */
  public Map<Status, Long> countByStatus() {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      counts.put(status, lines.stream().filter(l -> l.status() == status).count());
    }
    return counts;
  }

  private static int percent(List<Line> lines) {
    double sum = lines.stream().mapToDouble(l -> l.status().points()).sum();
    return (int) Math.round(100 * sum / lines.size());
  }
}
