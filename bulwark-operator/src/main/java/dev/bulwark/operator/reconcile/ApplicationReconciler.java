package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.Applier;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.spec.ApplicationRules;
import dev.bulwark.spec.SpecCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Applies an Application's objects (its workload, Services and routes) into its tenant's
 * namespaces, after the checks {@code bulwark validate} runs on it too ({@link ApplicationRules}).
 * It waits for its Tenant: a Tenant that becomes Ready reconciles its applications.
 */
@ControllerConfiguration(
    name = "application",
    fieldManager = Applier.FIELD_MANAGER,
    finalizerName = OwnerLinks.FINALIZER,
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = 30,
    initialInterval = 1000,
    intervalMultiplier = 2,
    maxInterval = 60_000)
public final class ApplicationReconciler extends BulwarkReconciler<Application> {

  /** Reconciles an Application again when Argo CD or Tekton report on it. */
  private final SimpleInboundEventSource<Application> observed =
      new SimpleInboundEventSource<>("observations");

  private final Observations observations;
  private volatile IndexedResourceCache<Application> applications;

  public ApplicationReconciler(Engine engine, Observations observations) {
    super(engine, Application.class, "Application", Scope.APPLICATION);
    this.observations = observations;
    observations.onChange(this::reconcileConcerned);
  }

  private void reconcileConcerned(Predicate<Application> concerned) {
    IndexedResourceCache<Application> cache = applications;
    if (cache != null) {
      cache.list(concerned).map(ResourceID::fromResource).forEach(observed::propagateEvent);
    }
  }

  @Override
  protected Plan plan(Application app, Context<Application> context) {
    List<Platform> platforms = Sources.platforms(context);
    Optional<Plan> problem = platformProblem(platforms);
    if (problem.isPresent()) {
      return problem.get();
    }
    String tenantName = app.getSpec().getTenant();
    Optional<Tenant> tenant =
        Sources.tenants(context).stream()
            .filter(t -> t.getMetadata().getName().equals(tenantName))
            .findFirst();
    if (tenant.isEmpty()) {
      return Plan.blocked(
          "TenantNotFound", "Tenant " + tenantName + " named in spec.tenant does not exist", true);
    }
    List<Application> siblings =
        context
            .getPrimaryCache()
            .list(
                a ->
                    a.getMetadata().getDeletionTimestamp() == null
                        && a.getSpec() != null
                        && tenantName.equals(a.getSpec().getTenant()))
            .toList();
    List<SpecCheck.Finding> findings = new ArrayList<>(ApplicationRules.check(app, tenant.get()));
    findings.addAll(
        SpecCheck.findingsAbout(
            new BulwarkSpec(platforms.get(0), List.of(tenant.get()), siblings),
            "Application",
            app.getMetadata().getName()));
    Optional<Plan> invalid = invalidSpec(findings);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    return select(
        () -> engine.renders().ofApplication(platforms.get(0), tenant.get(), siblings, app));
  }

  /**
   * Per environment, the image and replicas of the workload (ADR 0022), what Argo CD and Tekton
   * report about it and the approval that waits there (ADR 0041).
   */
  @Override
  protected void describe(Application app, ResourceStatus status, List<HasMetadata> applied) {
    List<EnvironmentStatus> environments = WorkloadStatus.of(applied);
    ObservedStatus.fill(environments, app, observations);
    observations.pendingApprovals().fill(environments, app, currentStatus(app));
    status.setEnvironments(environments);
  }

  @Override
  public List<EventSource<?, Application>> prepareEventSources(
      EventSourceContext<Application> context) {
    List<EventSource<?, Application>> sources =
        new ArrayList<>(
            Sources.managed(
                context, engine.kinds(), Application.class, "Application", Scope.APPLICATION));
    sources.add(
        Sources.related(
            context,
            Platform.class,
            Sources.PLATFORMS,
            Application.class,
            Sources.all(context),
            Sources.specChanged()));
    OnUpdateFilter<Tenant> specOrReadiness =
        (next, previous) ->
            Sources.<Tenant>specChanged().accept(next, previous)
                || StatusAggregator.ready(next.getStatus(), next.getMetadata().getGeneration())
                    != StatusAggregator.ready(
                        previous.getStatus(), previous.getMetadata().getGeneration());
    sources.add(
        Sources.related(
            context,
            Tenant.class,
            Sources.TENANTS,
            Application.class,
            tenant ->
                context
                    .getPrimaryCache()
                    .list(
                        a ->
                            a.getSpec() != null
                                && tenant.getMetadata().getName().equals(a.getSpec().getTenant()))
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()),
            specOrReadiness));
    applications = context.getPrimaryCache();
    sources.add(observed);
    return sources;
  }
}
