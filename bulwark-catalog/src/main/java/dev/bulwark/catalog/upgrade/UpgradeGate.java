package dev.bulwark.catalog.upgrade;

import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec.Approval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What lets an upgrade start: the maintenance window and the approval. Pure: {@code now} is passed
 * in.
 *
 * @param window the window, or empty when the platform may be upgraded at any time
 * @param approval whether a person approves each target
 * @param approved the release the Platform's {@value UpgradeSpec#APPROVED_ANNOTATION} annotation
 *     approves, if it has one
 * @param now the instant judged
 */
public record UpgradeGate(
    Optional<MaintenanceWindow> window, Approval approval, Optional<String> approved, Instant now) {

  /** The gate of a spec (its window must have no problems). */
  public static UpgradeGate of(UpgradeSpec spec, Optional<String> approved, Instant now) {
    return new UpgradeGate(
        Optional.ofNullable(spec.getWindow()).map(MaintenanceWindow::of),
        spec.getApproval() == null ? Approval.REQUIRED : spec.getApproval(),
        approved,
        now);
  }

  /** Why an upgrade to {@code target} may not start now; empty when it may. */
  public List<String> waitingFor(String target) {
    List<String> reasons = new ArrayList<>();
    window
        .filter(w -> !w.isOpen(now))
        .ifPresent(
            w ->
                reasons.add("the maintenance window is closed; it opens at " + w.nextOpening(now)));
    if (approval == Approval.REQUIRED && !approved.equals(Optional.of(target))) {
      reasons.add(
          "approval of "
              + target
              + ": annotate the Platform with "
              + UpgradeSpec.APPROVED_ANNOTATION
              + "="
              + target
              + approved.map(a -> "; it approves " + a + " now").orElse(""));
    }
    return reasons;
  }

  /** Whether the window is open now (an upgrade under way stops at its edge). */
  public boolean windowOpen() {
    return window.map(w -> w.isOpen(now)).orElse(true);
  }
}
