package dev.bulwark.operator.apply;

import dev.bulwark.operator.apply.ApplyOutcome.Action;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One owner's apply-and-prune pass: applies its desired objects in the ladder's {@link SyncOrder}
 * (skipping the objects of a Namespace that failed), deletes what its inventory (or the live
 * objects carrying its owner annotation) holds and it no longer wants, and returns the new
 * inventory.
 */
public final class Sync {

  /**
   * Requests in flight at once in one pass. A pass of the Platform applies thousands of objects
   * (every tenant's CI namespace, every application's pipeline); one at a time, a pass took minutes
   * on a busy API server, waiting on each round trip, while the server had capacity to spare.
   */
  public static final int PARALLEL_APPLIES = 8;

  private final Applier applier;
  private final int parallel;

  public Sync(Applier applier) {
    this(applier, PARALLEL_APPLIES);
  }

  /**
   * @param parallel how many objects of one {@link SyncOrder#steps step} are applied at once
   */
  public Sync(Applier applier, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
    }
    this.applier = applier;
    this.parallel = parallel;
  }

  /**
   * The result of a pass.
   *
   * @param applied one outcome per desired object, in the order applied
   * @param pruned one outcome per object deleted or that failed to be deleted
   * @param inventory the inventory to record: every desired object this owner holds, plus any it
   *     failed to delete
   */
  public record Result(
      List<ApplyOutcome> applied, List<ApplyOutcome> pruned, List<String> inventory) {

    public List<ApplyOutcome> failures() {
      List<ApplyOutcome> all = new ArrayList<>();
      applied.stream().filter(o -> o.action().failed()).forEach(all::add);
      pruned.stream().filter(o -> o.action().failed()).forEach(all::add);
      return all;
    }

    public boolean wrote() {
      return applied.stream().anyMatch(o -> o.action().wrote())
          || pruned.stream().anyMatch(o -> o.action().wrote());
    }

    public boolean retryable() {
      return failures().stream().anyMatch(ApplyOutcome::transientError);
    }
  }

  /**
   * Applies {@code desired} (already {@link OwnerLinks#attach attached} to the owner) and prunes
   * the rest.
   */
  public Result run(
      String ownerId,
      List<GenericKubernetesResource> desired,
      List<String> previousInventory,
      LiveView live) {
    List<List<GenericKubernetesResource>> steps = SyncOrder.steps(desired);
    List<GenericKubernetesResource> ordered = steps.stream().flatMap(List::stream).toList();
    live.expect(ordered);
    Map<String, ApplyOutcome> failedNamespaces = new HashMap<>();
    List<ApplyOutcome> applied = new ArrayList<>();
    for (List<GenericKubernetesResource> step : steps) {
      List<ApplyOutcome> outcomes =
          StepRunner.run(
              step, parallel, object -> applyOrSkip(object, ownerId, live, failedNamespaces));
      for (ApplyOutcome outcome : outcomes) {
        if (isNamespace(outcome.key()) && outcome.action().failed()) {
          failedNamespaces.put(outcome.key().name(), outcome);
        }
      }
      applied.addAll(outcomes);
    }
    Set<ObjectKey> wanted = new HashSet<>();
    ordered.forEach(o -> wanted.add(ObjectKey.of(o)));
    List<ApplyOutcome> pruned =
        prune(ownerId, wanted, candidates(ownerId, previousInventory, live), live);
    return new Result(applied, pruned, inventory(applied, pruned));
  }

  /** Applies the object, unless its Namespace failed in an earlier step. */
  private ApplyOutcome applyOrSkip(
      GenericKubernetesResource object,
      String ownerId,
      LiveView live,
      Map<String, ApplyOutcome> failedNamespaces) {
    ObjectKey key = ObjectKey.of(object);
    ApplyOutcome namespaceFailure = failedNamespaces.get(key.namespace());
    if (namespaceFailure != null) {
      return new ApplyOutcome(
          key,
          Action.SKIPPED,
          "not applied because Namespace " + key.namespace() + " was not",
          namespaceFailure.transientError());
    }
    return applier.apply(object, live.find(key), ownerId);
  }

  /**
   * Everything the owner may hold: its last inventory, and what the live view finds under its
   * annotation.
   */
  private static Set<ObjectKey> candidates(
      String ownerId, List<String> previousInventory, LiveView live) {
    Set<ObjectKey> all = new TreeSet<>();
    previousInventory.forEach(e -> all.add(InventoryEntry.parse(e)));
    all.addAll(live.ownedBy(ownerId));
    return all;
  }

  private List<ApplyOutcome> prune(
      String ownerId, Set<ObjectKey> wanted, Set<ObjectKey> candidates, LiveView live) {
    Set<String> deletedNamespaces = new HashSet<>();
    List<ObjectKey> doomed = candidates.stream().filter(k -> !wanted.contains(k)).toList();
    doomed.stream().filter(Sync::isNamespace).forEach(k -> deletedNamespaces.add(k.name()));
    List<ApplyOutcome> outcomes = new ArrayList<>();
    for (ObjectKey key : doomed) {
      if (!isNamespace(key) && deletedNamespaces.contains(key.namespace())) {
        continue; // goes with its namespace
      }
      ApplyOutcome outcome = applier.prune(key, live.find(key), ownerId);
      if (outcome.action() != Action.UNCHANGED) {
        outcomes.add(outcome);
      }
    }
    return outcomes;
  }

  private static boolean isNamespace(ObjectKey key) {
    return key.kind().equals("Namespace") && key.apiVersion().equals("v1");
  }

  private static List<String> inventory(List<ApplyOutcome> applied, List<ApplyOutcome> pruned) {
    Set<String> entries = new LinkedHashSet<>();
    applied.stream()
        .filter(o -> o.action() != Action.CONFLICT)
        .map(o -> InventoryEntry.format(o.key()))
        .forEach(entries::add);
    pruned.stream()
        .filter(o -> o.action().failed())
        .map(o -> InventoryEntry.format(o.key()))
        .forEach(entries::add);
    return new ArrayList<>(new TreeSet<>(entries));
  }
}
