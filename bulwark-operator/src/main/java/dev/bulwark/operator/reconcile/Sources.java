package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.ManagedKind;
import dev.bulwark.operator.apply.OwnerLinks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers of a controller: one per managed kind, filtered by the controller's {@link Scope}
 * label selector and mapped back to the owner through {@link OwnerLinks#OWNER_ANNOTATION} (a change
 * to a managed object, by hand or otherwise, reconciles its owner within seconds), and the other
 * Bulwark resources the controller renders from.
 */
public final class Sources {

  public static final String PLATFORMS = "platforms";
  public static final String TENANTS = "tenants";
  public static final String APPLICATIONS = "applications";
  static final String OWNER_INDEX = "bulwark-owner";

  private Sources() {}

  /**
   * An informer per watched kind, in {@code scope}, each mapped to the owner of kind {@code
   * ownerKind}.
   */
  public static <P extends HasMetadata> List<EventSource<?, P>> managed(
      EventSourceContext<P> context,
      KindRegistry kinds,
      Class<P> primary,
      String ownerKind,
      Scope scope) {
    List<EventSource<?, P>> sources = new ArrayList<>();
    for (ManagedKind kind : kinds.informed()) {
      sources.add(informer(context, kind, primary, ownerKind, scope));
    }
    return sources;
  }

  /**
   * The informer on one managed kind, in {@code scope}, mapped to the owner of kind {@code
   * ownerKind} and indexed by owner. Named {@link ManagedKind#id()}, so that a controller holds at
   * most one per kind.
   */
  static <P extends HasMetadata> InformerEventSource<GenericKubernetesResource, P> informer(
      EventSourceContext<P> context,
      ManagedKind kind,
      Class<P> primary,
      String ownerKind,
      Scope scope) {
    var config =
        InformerEventSourceConfiguration.from(
                new GroupVersionKind(kind.group(), kind.version(), kind.kind()), primary)
            .withName(kind.id())
            .withLabelSelector(scope.selector())
            .withSecondaryToPrimaryMapper(ownerOf(ownerKind))
            .build();
    InformerEventSource<GenericKubernetesResource, P> source =
        new InformerEventSource<>(config, context);
    source.addIndexers(
        Map.of(OWNER_INDEX, o -> OwnerLinks.recordedOwner(o).map(List::of).orElse(List.of())));
    return source;
  }

  /**
   * Maps a managed object to the owner its annotation names, if that owner is of {@code ownerKind}.
   */
  static SecondaryToPrimaryMapper<GenericKubernetesResource> ownerOf(String ownerKind) {
    return object ->
        OwnerLinks.recordedOwner(object)
            .map(id -> id.split("/"))
            .filter(parts -> parts[0].equals(ownerKind))
            .map(
                parts ->
                    parts.length == 3
                        ? new ResourceID(parts[2], parts[1])
                        : new ResourceID(parts[1]))
            .map(Set::of)
            .orElse(Set.of());
  }

  /** Another Bulwark resource kind as a source: a change to its spec reconciles {@code targets}. */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> related(
      EventSourceContext<P> context,
      Class<R> kind,
      String name,
      Class<P> primary,
      SecondaryToPrimaryMapper<R> targets,
      OnUpdateFilter<R> onUpdate) {
    var config =
        InformerEventSourceConfiguration.from(kind, primary)
            .withName(name)
            .withSecondaryToPrimaryMapper(targets)
            .withOnUpdateFilter(onUpdate)
            .build();
    return new InformerEventSource<>(config, context);
  }

  /** Only spec changes and deletions: status updates of other resources need no reconcile. */
  public static <R extends HasMetadata> OnUpdateFilter<R> specChanged() {
    return (next, previous) ->
        !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
            || !Objects.equals(
                next.getMetadata().getDeletionTimestamp(),
                previous.getMetadata().getDeletionTimestamp());
  }

  /** Every primary resource of the controller. */
  public static <R extends HasMetadata, P extends HasMetadata> SecondaryToPrimaryMapper<R> all(
      EventSourceContext<P> context) {
    return any ->
        context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  /** The live Platforms, from the controller's informer. */
  public static <P extends HasMetadata> List<Platform> platforms(Context<P> context) {
    return live(cached(context, Platform.class, PLATFORMS));
  }

  /** The live Tenants, from the controller's informer. */
  public static <P extends HasMetadata> List<Tenant> tenants(Context<P> context) {
    return live(cached(context, Tenant.class, TENANTS));
  }

  /** The live Applications of {@code tenant}, from the controller's informer. */
  public static <P extends HasMetadata> List<Application> applications(
      Context<P> context, String tenant) {
    return live(
        cached(context, Application.class, APPLICATIONS).stream()
            .filter(a -> a.getSpec() != null && tenant.equals(a.getSpec().getTenant()))
            .toList());
  }

  /** The live Applications, from the controller's informer. */
  public static <P extends HasMetadata> List<Application> applications(Context<P> context) {
    return live(cached(context, Application.class, APPLICATIONS));
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata, P extends HasMetadata> List<R> cached(
      Context<P> context, Class<R> kind, String name) {
    var source =
        (InformerEventSource<R, P>) context.eventSourceRetriever().getEventSourceFor(kind, name);
    return source.list(r -> true).toList();
  }

  /**
   * Resources that are not being deleted and have a spec: a resource on its way out renders nothing
   * new, and one without a spec is reported InvalidSpec by its own reconciler, never a failure of
   * every rendering it would otherwise be part of.
   */
  private static <R extends HasMetadata> List<R> live(List<R> resources) {
    return resources.stream()
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .filter(r -> !(r instanceof CustomResource<?, ?> c) || c.getSpec() != null)
        .toList();
  }
}
