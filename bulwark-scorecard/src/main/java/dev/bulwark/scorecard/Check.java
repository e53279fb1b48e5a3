package dev.bulwark.scorecard;

import dev.bulwark.render.DesiredObject;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A fact a carrier judge reads besides the carriers' presence: a certificate's expiry, a backup's
 * last success, policy results.
 *
 * @param whenNotOk the status a fact that is not ok gives the line
 * @param facts the evidence, from the observation and the line's carriers
 */
public record Check(
    Status whenNotOk, BiFunction<Observation, List<DesiredObject>, List<Evidence>> facts) {

  List<Evidence> apply(Observation observation, List<DesiredObject> carriers) {
    return facts.apply(observation, carriers);
  }
}
