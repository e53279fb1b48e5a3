package dev.bulwark.operator.scorecard;

import dev.bulwark.scorecard.Category;
import dev.bulwark.scorecard.Essential;
import dev.bulwark.scorecard.Essentials;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last scorecard as Prometheus gauges. An essential's status is a state set, as
 * kube-state-metrics exposes a pod's phase: {@code bulwark_scorecard_essential_status{category,
 * essential, status}} is 1 for the status it has and 0 for the other three, so that an alert
 * selects {@code status="failing"} and a sum by status counts lines, with no code book for the
 * numbers. The scores are {@code bulwark_scorecard_score{category}} and {@code
 * bulwark_scorecard_overall_score}, 0 to 100. Before the first scorecard every gauge is NaN.
 */
final class ScorecardMetrics {

  private final AtomicReference<Scorecard> last = new AtomicReference<>();

  ScorecardMetrics(MeterRegistry registry) {
    for (Essential essential : Essentials.all()) {
      for (Status status : Status.values()) {
        Gauge.builder(
                "bulwark.scorecard.essential.status",
                last,
                ref -> has(ref.get(), essential, status))
            .description("1 for the status the essential has, 0 for the others (a state set)")
            .tag("category", essential.category().id())
            .tag("essential", essential.id())
            .tag("status", status.label())
            .register(registry);
      }
    }
    for (Category category : Category.values()) {
      Gauge.builder("bulwark.scorecard.score", last, ref -> score(ref.get(), category))
          .description("The category's scorecard score, 0 to 100")
          .tag("category", category.id())
          .register(registry);
    }
    Gauge.builder(
            "bulwark.scorecard.overall.score",
            last,
            ref -> ref.get() == null ? Double.NaN : ref.get().overall())
        .description("The overall scorecard score, 0 to 100")
        .register(registry);
  }

  void publish(Scorecard card) {
    last.set(card);
  }

  private static double has(Scorecard card, Essential essential, Status status) {
    if (card == null) {
      return Double.NaN;
    }
    return card.lines().stream()
        .filter(l -> l.essential().id().equals(essential.id()))
        .map(Line::status)
        .findFirst()
        .map(s -> s == status ? 1.0 : 0.0)
        .orElse(Double.NaN);
  }

  private static double score(Scorecard card, Category category) {
    Integer score = card == null ? null : card.scoreByCategory().get(category);
    return score == null ? Double.NaN : score;
  }
}
