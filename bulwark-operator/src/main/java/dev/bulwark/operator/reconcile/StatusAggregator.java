package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.operator.apply.ApplyOutcome;
import dev.bulwark.operator.apply.Sync;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that turns what a reconcile did into the status: {@code observedGeneration}, the
 * inventory and the {@code Ready}, {@code Reconciling} and {@code Degraded} conditions. A condition
 * keeps its {@code lastTransitionTime} unless its status changes, so that a reconcile that changes
 * nothing produces an identical status (and therefore no write).
 */
public final class StatusAggregator {

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String DEGRADED = "Degraded";

  /** How many failing objects a message names before it says "and N more". */
  private static final int NAMED = 5;

  private StatusAggregator() {}

  /** The status after an apply-and-prune pass. */
  public static ResourceStatus afterSync(
      ResourceStatus old, long generation, Sync.Result result, Instant now) {
    List<ApplyOutcome> failures = result.failures();
    int total = result.applied().size();
    List<Condition> conditions = new ArrayList<>();
    if (failures.isEmpty()) {
      String inSync = total + " object" + (total == 1 ? "" : "s") + " in sync";
      conditions.add(condition(READY, true, "Reconciled", inSync));
      conditions.add(condition(RECONCILING, false, "Reconciled", inSync));
      conditions.add(condition(DEGRADED, false, "Reconciled", "no object failed"));
    } else {
      boolean conflicts =
          failures.stream()
              .allMatch(
                  f ->
                      f.action() == ApplyOutcome.Action.CONFLICT
                          || f.action() == ApplyOutcome.Action.SKIPPED);
      String reason = conflicts ? "Conflict" : "ApplyFailed";
      String message =
          failures.size()
              + " of "
              + (total + result.pruned().size())
              + " objects failed: "
              + describe(failures);
      conditions.add(condition(READY, false, reason, message));
      boolean retrying = result.retryable();
      conditions.add(
          condition(
              RECONCILING,
              retrying,
              retrying ? "RetryingWithBackoff" : "Reconciled",
              retrying
                  ? "retrying: " + message
                  : "done; fix the spec or the objects named in Degraded"));
      conditions.add(condition(DEGRADED, true, reason, message));
    }
    return build(old, generation, conditions, result.inventory(), now);
  }

  /** The status when the resource could not be reconciled at all; the inventory is kept. */
  public static ResourceStatus blocked(
      ResourceStatus old, long generation, Blocked blocked, Instant now) {
    List<Condition> conditions =
        List.of(
            condition(READY, false, blocked.reason(), blocked.message()),
            condition(RECONCILING, !blocked.degraded(), blocked.reason(), blocked.message()),
            condition(
                DEGRADED,
                blocked.degraded(),
                blocked.reason(),
                blocked.degraded() ? blocked.message() : "waiting, nothing failed"));
    return build(old, generation, conditions, inventoryOf(old), now);
  }

  /** The status after an unexpected error, which the framework will retry. */
  public static ResourceStatus failed(
      ResourceStatus old, long generation, Exception error, Instant now) {
    String message =
        error.getClass().getSimpleName()
            + ": "
            + Objects.requireNonNullElse(error.getMessage(), "no message");
    return blocked(old, generation, new Blocked("InternalError", message, true), now);
  }

  /** The condition of {@code type}, if the status has it. */
  public static Optional<Condition> find(ResourceStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the status says Ready=True for the given generation. */
  public static boolean ready(ResourceStatus status, Long generation) {
    return status != null
        && Objects.equals(status.getObservedGeneration(), generation)
        && find(status, READY).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static String describe(List<ApplyOutcome> failures) {
    StringBuilder text = new StringBuilder();
    // root causes first: objects skipped because of another failure say less
    failures.stream()
        .sorted(java.util.Comparator.comparing(f -> f.action() == ApplyOutcome.Action.SKIPPED))
        .limit(NAMED)
        .forEach(f -> text.append(text.isEmpty() ? "" : "; ").append(f.describe()));
    if (failures.size() > NAMED) {
      text.append("; and ").append(failures.size() - NAMED).append(" more");
    }
    return text.toString();
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new Condition(type, status ? "True" : "False", reason, message);
  }

  private static List<String> inventoryOf(ResourceStatus old) {
    return old == null || old.getInventory() == null ? List.of() : old.getInventory();
  }

  private static ResourceStatus build(
      ResourceStatus old,
      long generation,
      List<Condition> conditions,
      List<String> inventory,
      Instant now) {
    ResourceStatus next = new ResourceStatus();
    next.setObservedGeneration(generation);
    next.setInventory(new ArrayList<>(inventory));
    // What each component runs is the upgrade's only record (ADR 0042): a pass that applies
    // nothing (blocked, failed) must not forget it, or the next render would roll components back.
    if (old != null && old.getInstalledVersions() != null) {
      next.setInstalledVersions(new TreeMap<>(old.getInstalledVersions()));
    }
    for (Condition condition : conditions) {
      condition.setObservedGeneration(generation);
      Optional<Condition> before = find(old, condition.getType());
      boolean sameStatus =
          before.map(b -> condition.getStatus().equals(b.getStatus())).orElse(false);
      condition.setLastTransitionTime(
          sameStatus && before.get().getLastTransitionTime() != null
              ? before.get().getLastTransitionTime()
              : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      next.getConditions().add(condition);
    }
    return next;
  }
}
