package dev.bulwark.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * What a reconcile is to do: apply these objects, or nothing because it is {@link Blocked}.
 *
 * @param objects the owner's desired objects, as the renderer made them
 * @param blocked why nothing can be applied, if so
 */
public record Plan(List<HasMetadata> objects, Optional<Blocked> blocked) {

  public static Plan apply(List<HasMetadata> objects) {
    return new Plan(objects, Optional.empty());
  }

  public static Plan blocked(String reason, String message, boolean degraded) {
    return new Plan(List.of(), Optional.of(new Blocked(reason, message, degraded)));
  }
}
