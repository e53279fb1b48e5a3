package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.Applier;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.spec.SpecCheck;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Applies the platform-wide objects (those labelled {@code bulwark.dev/tenant=platform}), rendered
 * from the Platform with every Tenant and Application, since platform objects may list them all.
 * The checks of the platform's components that {@code bulwark validate} runs too come first ({@link
 * SpecCheck}s on the class path): a Platform they refuse is {@code InvalidSpec}.
 */
@ControllerConfiguration(
    name = "platform",
    fieldManager = Applier.FIELD_MANAGER,
    finalizerName = OwnerLinks.FINALIZER,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = 30,
    initialInterval = 1000,
    intervalMultiplier = 2,
    maxInterval = 60_000)
public final class PlatformReconciler extends BulwarkReconciler<Platform> {

  private final Runnable onReconciled;
  private final PlatformUpgrades upgrades;

  /** This reconcile's upgrade decision, from {@link #plan} to {@link #settle}, by Platform uid. */
  private final Map<String, UpgradeDecision> decided = new ConcurrentHashMap<>();

  public PlatformReconciler(Engine engine) {
    this(engine, () -> {});
  }

  /**
   * @param onReconciled called after each reconcile that got as far as applying (the scorecard
   *     keeper asks for a new scorecard)
   */
  public PlatformReconciler(Engine engine, Runnable onReconciled) {
    super(engine, Platform.class, "Platform", Scope.PLATFORM);
    this.onReconciled = onReconciled;
    this.upgrades =
        new PlatformUpgrades(
            new RemovedApiScan(engine.client(), engine.clock()),
            engine.clock(),
            PlatformUpgrades.STEP_TIMEOUT);
  }

  @Override
  public UpdateControl<Platform> reconcile(Platform platform, Context<Platform> context) {
    UpdateControl<Platform> control = super.reconcile(platform, context);
    onReconciled.run();
    return control;
  }

  @Override
  protected Plan plan(Platform platform, Context<Platform> context) {
    List<Platform> platforms =
        context
            .getPrimaryCache()
            .list(p -> p.getMetadata().getDeletionTimestamp() == null)
            .toList();
    Optional<Plan> problem = platformProblem(platforms);
    if (problem.isPresent()) {
      return problem.get();
    }
    List<Tenant> tenants = Sources.tenants(context);
    List<Application> applications = Sources.applications(context);
    Optional<Plan> invalid =
        invalidSpec(
            SpecCheck.findingsAbout(
                new BulwarkSpec(platform, tenants, applications),
                "Platform",
                platform.getMetadata().getName()));
    if (invalid.isPresent()) {
      return invalid.get();
    }
    return upgradeAndRender(platform, tenants, applications, context);
  }

  /**
   * Renders the Platform at the versions its upgrade run says (ADR 0042): the installed ones, and
   * the component of the step under way at the target's; without {@code spec.upgrade}, at the
   * installed ones.
   */
  private Plan upgradeAndRender(
      Platform platform,
      List<Tenant> tenants,
      List<Application> applications,
      Context<Platform> context) {
    String uid = platform.getMetadata().getUid();
    decided.remove(uid);
    // the informer's copy may not have the status the last pass wrote yet
    Platform observed = new Platform();
    observed.setMetadata(platform.getMetadata());
    observed.setSpec(platform.getSpec());
    observed.setStatus(currentStatus(platform));
    Optional<UpgradeDecision> decision;
    try {
      decision =
          upgrades.decide(
              observed,
              liveView(context),
              () -> engine.renders().ofPlatform(observed, tenants, applications));
    } catch (RuntimeException e) {
      return Plan.blocked(
          "RenderFailed", "the renderer rejected the spec: " + e.getMessage(), true);
    }
    if (decision.isEmpty()) {
      return select(() -> engine.renders().ofPlatform(observed, tenants, applications));
    }
    decided.put(uid, decision.get());
    return select(
        () ->
            engine
                .renders()
                .ofPlatform(observed, tenants, applications, decision.get().renderedVersions()));
  }

  @Override
  protected Optional<Duration> settle(
      Platform platform, ResourceStatus before, ResourceStatus after) {
    UpgradeDecision decision = decided.remove(platform.getMetadata().getUid());
    if (decision == null) {
      return Optional.empty();
    }
    upgrades.report(before, after, decision);
    return decision.requeueAfter();
  }

  @Override
  public List<EventSource<?, Platform>> prepareEventSources(EventSourceContext<Platform> context) {
    List<EventSource<?, Platform>> sources =
        new ArrayList<>(
            Sources.managed(context, engine.kinds(), Platform.class, "Platform", Scope.PLATFORM));
    sources.add(
        Sources.related(
            context,
            Tenant.class,
            Sources.TENANTS,
            Platform.class,
            Sources.all(context),
            Sources.specChanged()));
    sources.add(
        Sources.related(
            context,
            Application.class,
            Sources.APPLICATIONS,
            Platform.class,
            Sources.all(context),
            Sources.specChanged()));
    // the upgrade approval is an annotation: no new generation, so the primary's events miss it
    sources.add(
        Sources.related(
            context,
            Platform.class,
            "platform-annotations",
            Platform.class,
            p -> Set.of(ResourceID.fromResource(p)),
            (next, old) ->
                !Objects.equals(
                    next.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())));
    return sources;
  }
}
