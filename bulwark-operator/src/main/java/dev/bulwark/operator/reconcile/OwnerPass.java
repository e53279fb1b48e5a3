package dev.bulwark.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.operator.apply.LiveView;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.apply.Sync;
import dev.bulwark.operator.runtime.Engine;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Objects;

/**
 * One owner's pass, the same for the reconcilers and for {@code bulwark apply}: attach the owner's
 * rendered objects to it ({@link OwnerLinks}), apply and prune them in the ladder's order ({@link
 * Sync}), and work out the status that follows ({@link StatusAggregator}). The status is written by
 * {@link #record}, which the caller calls when the pass is over for good: a reconcile that will be
 * retried hands the status to the framework's error path instead.
 */
public final class OwnerPass {

  /**
   * What a pass did.
   *
   * @param before the owner's status when the pass began
   * @param after the status the pass leads to
   * @param result what was applied and pruned
   */
  public record Converged(ResourceStatus before, ResourceStatus after, Sync.Result result) {}

  private final Engine engine;
  private final StatusWriter statuses;

  public OwnerPass(Engine engine) {
    this.engine = engine;
    this.statuses = new StatusWriter(engine.client());
  }

  /** The newest status known for {@code owner} (see {@link StatusWriter#current}). */
  public ResourceStatus status(CustomResource<?, ResourceStatus> owner) {
    return statuses.current(owner);
  }

  /**
   * Applies {@code rendered}, the owner's objects as the renderer made them, and prunes what it no
   * longer wants.
   */
  public <P extends CustomResource<?, ResourceStatus>> Converged run(
      P owner, List<HasMetadata> rendered, LiveView live) {
    ResourceStatus before = status(owner);
    List<GenericKubernetesResource> objects = rendered.stream().map(o -> attach(owner, o)).toList();
    Sync.Result result =
        engine.sync().run(OwnerLinks.ownerId(owner), objects, inventoryOf(before), live);
    ResourceStatus after =
        StatusAggregator.afterSync(before, generation(owner), result, engine.clock().instant());
    return new Converged(before, after, result);
  }

  /**
   * Writes {@code next} as the owner's status, unless it is {@code old} already; a steady state
   * writes nothing.
   */
  public <P extends CustomResource<?, ResourceStatus>> void record(
      P owner, ResourceStatus old, ResourceStatus next) {
    if (!same(old, next)) {
      statuses.write(owner, next);
    }
  }

  /** Forgets an owner that is gone. */
  public void forget(CustomResource<?, ResourceStatus> owner) {
    statuses.forget(owner);
  }

  static long generation(HasMetadata owner) {
    return Objects.requireNonNullElse(owner.getMetadata().getGeneration(), 0L);
  }

  static List<String> inventoryOf(ResourceStatus status) {
    return status == null || status.getInventory() == null ? List.of() : status.getInventory();
  }

  /** Whether two statuses agree, the scorecard aside: the scorecard keeper writes that. */
  private boolean same(ResourceStatus a, ResourceStatus b) {
    var json = engine.client().getKubernetesSerialization();
    return Objects.equals(
        withoutScorecard(json.convertValue(a, JsonNode.class)),
        withoutScorecard(json.convertValue(b, JsonNode.class)));
  }

  private static JsonNode withoutScorecard(JsonNode status) {
    if (status instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      object.remove("scorecard");
    }
    return status;
  }

  private GenericKubernetesResource attach(HasMetadata owner, HasMetadata rendered) {
    GenericKubernetesResource object =
        engine
            .client()
            .getKubernetesSerialization()
            .convertValue(rendered, GenericKubernetesResource.class);
    OwnerLinks.attach(owner, object);
    return object;
  }
}
