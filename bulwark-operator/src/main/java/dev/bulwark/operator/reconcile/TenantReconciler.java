package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.Applier;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.spec.SpecCheck;
import dev.bulwark.spec.TenantRules;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Applies a Tenant's objects: namespaces, RBAC, quotas, network policies, pipeline identity. */
@ControllerConfiguration(
    name = "tenant",
    fieldManager = Applier.FIELD_MANAGER,
    finalizerName = OwnerLinks.FINALIZER,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = 30,
    initialInterval = 1000,
    intervalMultiplier = 2,
    maxInterval = 60_000)
public final class TenantReconciler extends BulwarkReconciler<Tenant> {

  public TenantReconciler(Engine engine) {
    super(engine, Tenant.class, "Tenant", Scope.TENANT);
  }

  @Override
  protected Plan plan(Tenant tenant, Context<Tenant> context) {
    List<Platform> platforms = Sources.platforms(context);
    Optional<Plan> problem = platformProblem(platforms);
    if (problem.isPresent()) {
      return problem.get();
    }
    List<Application> applications = Sources.applications(context, tenant.getMetadata().getName());
    List<SpecCheck.Finding> findings = new ArrayList<>(TenantRules.check(tenant, platforms.get(0)));
    findings.addAll(
        SpecCheck.findingsAbout(
            new BulwarkSpec(platforms.get(0), List.of(tenant), applications),
            "Tenant",
            tenant.getMetadata().getName()));
    Optional<Plan> invalid = invalidSpec(findings);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    return select(() -> engine.renders().ofTenant(platforms.get(0), tenant, applications));
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    List<EventSource<?, Tenant>> sources =
        new ArrayList<>(
            Sources.managed(context, engine.kinds(), Tenant.class, "Tenant", Scope.TENANT));
    sources.add(
        Sources.related(
            context,
            Platform.class,
            Sources.PLATFORMS,
            Tenant.class,
            Sources.all(context),
            Sources.specChanged()));
    sources.add(
        Sources.related(
            context,
            Application.class,
            Sources.APPLICATIONS,
            Tenant.class,
            app ->
                app.getSpec() == null
                    ? Set.of()
                    : Set.of(new ResourceID(app.getSpec().getTenant())),
            Sources.specChanged()));
    return sources;
  }
}
