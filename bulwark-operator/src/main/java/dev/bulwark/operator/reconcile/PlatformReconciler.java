package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.Applier;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.runtime.Engine;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Applies the platform-wide objects (those labelled {@code bulwark.dev/tenant=platform}), rendered
 * from the Platform with every Tenant and Application, since platform objects may list them all.
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

  public PlatformReconciler(Engine engine) {
    super(engine, Platform.class, "Platform", Scope.PLATFORM);
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
    return select(() -> engine.renders().ofPlatform(platform, tenants, applications));
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
    return sources;
  }
}
