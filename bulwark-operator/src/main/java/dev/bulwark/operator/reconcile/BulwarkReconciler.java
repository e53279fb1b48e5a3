package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.operator.apply.ApplyOutcome;
import dev.bulwark.operator.apply.InventoryEntry;
import dev.bulwark.operator.apply.LiveView;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.apply.Sync;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.render.ObjectKey;
import dev.bulwark.spec.SpecCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The reconcile of every Bulwark resource: observe (the informers), validate and render (the
 * subclass's {@link #plan}), then the {@link OwnerPass} (attach, apply and prune, status) that
 * {@code bulwark apply} runs too, and events. A reconcile that finds nothing to change sends no
 * request at all.
 */
public abstract class BulwarkReconciler<P extends CustomResource<?, ResourceStatus>>
    implements Reconciler<P>, Cleaner<P> {

  /** The condition reason of a resource that fails the spec checks. */
  public static final String INVALID_SPEC = "InvalidSpec";

  private static final Logger LOG = LoggerFactory.getLogger(BulwarkReconciler.class);

  protected final Engine engine;
  private final OwnerPass pass;
  private final KindWatches<P> watches;

  /**
   * @param primary the resource class this controller reconciles
   * @param ownerKind its kind, as {@link OwnerLinks#OWNER_ANNOTATION} names it
   * @param scope which managed objects its informers see
   */
  protected BulwarkReconciler(Engine engine, Class<P> primary, String ownerKind, Scope scope) {
    this.engine = engine;
    this.pass = new OwnerPass(engine);
    this.watches = new KindWatches<>(engine.kinds(), primary, ownerKind, scope);
  }

  /** What to apply for {@code resource}, from the Bulwark resources the informers hold. */
  protected abstract Plan plan(P resource, Context<P> context);

  /**
   * Adds what the owner's status reports beyond conditions and inventory, from the objects it
   * applies; nothing by default.
   */
  protected void describe(P resource, ResourceStatus status, List<HasMetadata> applied) {
    // Platforms and Tenants report conditions and inventory only.
  }

  /**
   * Adds to the status, after the pass and before it is written, what follows from more than the
   * applied objects, and says when to reconcile again without an event. Only the Platform uses it,
   * for its upgrade run (ADR 0042): its condition, the installed versions, and a requeue at the
   * window's opening or a step's timeout, which no watch event announces. Nothing by default.
   */
  protected Optional<Duration> settle(P resource, ResourceStatus before, ResourceStatus after) {
    return Optional.empty();
  }

  /** The newest status known for {@code resource}, fresher than the informer's copy. */
  protected ResourceStatus currentStatus(P resource) {
    return pass.status(resource);
  }

  /** The live objects as this controller's informers hold them. */
  protected LiveView liveView(Context<P> context) {
    return new InformerLiveView<>(context, watches);
  }

  /** The owner's objects of a rendering, or a blocked plan when the renderer refused the spec. */
  protected static Plan select(Supplier<List<HasMetadata>> render) {
    try {
      return Plan.apply(render.get());
    } catch (RuntimeException e) {
      return Plan.blocked(
          "RenderFailed", "the renderer rejected the spec: " + e.getMessage(), true);
    }
  }

  /**
   * A blocked plan listing every reason the spec checks the CLI loader runs too found, so that
   * nothing is applied or pruned for a resource {@code bulwark validate} would refuse.
   */
  protected static Optional<Plan> invalidSpec(List<SpecCheck.Finding> findings) {
    if (findings.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Plan.blocked(
            INVALID_SPEC,
            String.join(
                "; ", findings.stream().map(f -> f.fieldPath() + ": " + f.message()).toList()),
            true));
  }

  /**
   * The one Platform, or a blocked plan that says why there is none to use or why the instances it
   * adopts cannot be used (ADR 0034).
   */
  protected Optional<Plan> platformProblem(List<Platform> platforms) {
    Optional<Plan> problem = platformCount(platforms);
    if (problem.isPresent()) {
      return problem;
    }
    return new ExistingChecks(engine.client())
        .check(platforms.get(0).getSpec())
        .map(b -> new Plan(List.of(), Optional.of(b)));
  }

  private static Optional<Plan> platformCount(List<Platform> platforms) {
    if (platforms.isEmpty()) {
      return Optional.of(
          Plan.blocked(
              "PlatformNotFound",
              "no Platform resource exists yet; Bulwark renders nothing until one is created",
              false));
    }
    if (platforms.size() > 1) {
      return Optional.of(
          Plan.blocked(
              "MultiplePlatforms",
              "found "
                  + platforms.size()
                  + " Platforms ("
                  + String.join(
                      ", ",
                      platforms.stream().map(p -> p.getMetadata().getName()).sorted().toList())
                  + "); a cluster has exactly one",
              true));
    }
    return Optional.empty();
  }

  @Override
  public UpdateControl<P> reconcile(P resource, Context<P> context) {
    String owner = OwnerLinks.ownerId(resource);
    MDC.put("bulwark.resource", owner);
    try {
      // a resource stored without a spec (before the CRDs required one) is invalid, not an error
      // of the operator; the other resources' renderings leave it out
      Plan plan =
          resource.getSpec() == null
              ? Plan.blocked(INVALID_SPEC, "spec: required field is missing; expected object", true)
              : plan(resource, context);
      if (plan.blocked().isPresent()) {
        ResourceStatus old = pass.status(resource);
        ResourceStatus next =
            StatusAggregator.blocked(
                old,
                OwnerPass.generation(resource),
                plan.blocked().get(),
                engine.clock().instant());
        announce(resource, old, next, null);
        pass.record(resource, old, next);
        return UpdateControl.noUpdate();
      }
      OwnerPass.Converged done =
          pass.run(resource, plan.objects(), new InformerLiveView<>(context, watches));
      describe(resource, done.after(), plan.objects());
      Optional<Duration> again = settle(resource, done.before(), done.after());
      count(done.result());
      announce(resource, done.before(), done.after(), done.result());
      if (done.result().retryable()) {
        throw new RetryableSyncException(
            StatusAggregator.find(done.after(), StatusAggregator.DEGRADED)
                .orElseThrow()
                .getMessage(),
            done.after());
      }
      pass.record(resource, done.before(), done.after());
      UpdateControl<P> control = UpdateControl.noUpdate();
      again.ifPresent(delay -> control.rescheduleAfter(Math.max(1, delay.toMillis())));
      return control;
    } finally {
      MDC.remove("bulwark.resource");
    }
  }

  @Override
  public ErrorStatusUpdateControl<P> updateErrorStatus(
      P resource, Context<P> context, Exception e) {
    ResourceStatus old = pass.status(resource);
    RetryableSyncException retryable = retryable(e);
    ResourceStatus next =
        retryable != null
            ? retryable.status()
            : StatusAggregator.failed(
                old, OwnerPass.generation(resource), e, engine.clock().instant());
    if (retryable == null) {
      LOG.warn(
          "reconcile of {} failed, will retry: {}", OwnerLinks.ownerId(resource), e.toString());
    }
    try {
      pass.record(resource, old, next);
    } catch (RuntimeException writeFailed) {
      LOG.warn(
          "could not record the status of {}: {}",
          OwnerLinks.ownerId(resource),
          writeFailed.toString());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** The framework wraps what {@link #reconcile} throws; this finds ours again. */
  private static RetryableSyncException retryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryableSyncException r) {
        return r;
      }
    }
    return null;
  }

  /**
   * Deletes what the garbage collector will not: the owner's cluster-scoped objects and those in
   * other namespaces ({@link OwnerLinks.Link#FINALIZER}). Objects with an owner reference go with
   * the owner through the garbage collector.
   */
  @Override
  public DeleteControl cleanup(P resource, Context<P> context) {
    String owner = OwnerLinks.ownerId(resource);
    InformerLiveView<P> live = new InformerLiveView<>(context, watches);
    TreeSet<ObjectKey> keys = new TreeSet<>();
    OwnerPass.inventoryOf(resource.getStatus()).forEach(e -> keys.add(InventoryEntry.parse(e)));
    keys.addAll(live.ownedBy(owner));
    List<ApplyOutcome> failed = new ArrayList<>();
    int deleted = 0;
    for (ObjectKey key : keys) {
      if (OwnerLinks.linkFor(resource, key.namespace().isEmpty() ? null : key.namespace())
          != OwnerLinks.Link.FINALIZER) {
        continue;
      }
      ApplyOutcome outcome = engine.applier().prune(key, live.find(key), owner);
      if (outcome.action().failed()) {
        failed.add(outcome);
      } else if (outcome.action().wrote()) {
        deleted++;
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          "clean-up of " + owner + " failed: " + failed.get(0).describe());
    }
    pass.forget(resource);
    LOG.info("{} deleted; removed {} objects it owned", owner, deleted);
    return DeleteControl.defaultDelete();
  }

  /**
   * Events and INFO logs on state transitions only; nothing when nothing changed. One event per
   * reconcile at most: what was applied rides on the transition's event when there is one.
   */
  private void announce(P resource, ResourceStatus old, ResourceStatus next, Sync.Result result) {
    String owner = OwnerLinks.ownerId(resource);
    String applied = result != null && result.wrote() ? summary(result) : "";
    if (!applied.isEmpty()) {
      LOG.info("{}: {}", owner, applied);
    }
    var wasReady =
        StatusAggregator.find(old, StatusAggregator.READY)
            .map(c -> c.getStatus() + c.getReason() + c.getMessage());
    var ready = StatusAggregator.find(next, StatusAggregator.READY).orElseThrow();
    boolean transition =
        !wasReady.equals(Optional.of(ready.getStatus() + ready.getReason() + ready.getMessage()));
    if (!transition) {
      if (!applied.isEmpty()) {
        engine.events().normal(resource, "Applied", applied);
      }
      return;
    }
    String message = ready.getMessage() + (applied.isEmpty() ? "" : " (" + applied + ")");
    if ("True".equals(ready.getStatus())) {
      LOG.info("{} is Ready: {}", owner, ready.getMessage());
      engine.events().normal(resource, "Ready", message);
    } else {
      LOG.info("{} is not Ready ({}): {}", owner, ready.getReason(), ready.getMessage());
      engine.events().warning(resource, ready.getReason(), message);
    }
  }

  private static String summary(Sync.Result result) {
    List<String> parts = new ArrayList<>();
    for (ApplyOutcome.Action action :
        List.of(ApplyOutcome.Action.CREATED, ApplyOutcome.Action.PATCHED)) {
      List<String> names =
          result.applied().stream()
              .filter(o -> o.action() == action)
              .map(o -> o.key().kind() + " " + o.key().name())
              .toList();
      if (!names.isEmpty()) {
        parts.add(
            action.name().toLowerCase(Locale.ROOT)
                + " "
                + names.size()
                + (action == ApplyOutcome.Action.PATCHED
                    ? " (" + String.join(", ", names.subList(0, Math.min(5, names.size()))) + ")"
                    : ""));
      }
    }
    long deleted = result.pruned().stream().filter(o -> o.action().wrote()).count();
    if (deleted > 0) {
      parts.add(
          "pruned "
              + deleted
              + " ("
              + String.join(
                  ", ",
                  result.pruned().stream()
                      .filter(o -> o.action().wrote())
                      .limit(5)
                      .map(o -> o.key().kind() + " " + o.key().name())
                      .toList())
              + ")");
    }
    return String.join(", ", parts);
  }

  private void count(Sync.Result result) {
    if (engine.metrics() == null) {
      return;
    }
    result
        .applied()
        .forEach(
            o ->
                engine
                    .metrics()
                    .counter(
                        "bulwark.objects", "action", o.action().name().toLowerCase(Locale.ROOT))
                    .increment());
    result
        .pruned()
        .forEach(
            o ->
                engine
                    .metrics()
                    .counter(
                        "bulwark.objects", "action", o.action().name().toLowerCase(Locale.ROOT))
                    .increment());
  }
}
