package dev.bulwark.operator.reconcile;

import dev.bulwark.operator.apply.LiveView;
import dev.bulwark.operator.apply.ManagedKind;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live state as a controller's informers hold it: no request for a watched kind. A kind the
 * informers do not cover (one whose informer could not sync) is read with a GET, which costs a
 * request but never a write.
 */
final class InformerLiveView<P extends HasMetadata> implements LiveView {

  private final Context<P> context;
  private final KindWatches<P> watches;
  private final KubernetesClient client;

  InformerLiveView(Context<P> context, KindWatches<P> watches) {
    this.context = context;
    this.watches = watches;
    this.client = context.getClient();
  }

  @Override
  public Optional<GenericKubernetesResource> find(ObjectKey key) {
    if (watches.watched(key.apiVersion(), key.kind())) {
      ResourceID id =
          key.namespace().isEmpty()
              ? new ResourceID(key.name())
              : new ResourceID(key.name(), key.namespace());
      return source(key.apiVersion() + "/" + key.kind()).get(id);
    }
    Optional<ManagedKind> kind = watches.registry().resolve(key.apiVersion(), key.kind());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    var resources = client.genericKubernetesResources(kind.get().context());
    var named =
        key.namespace().isEmpty()
            ? resources.withName(key.name())
            : resources.inNamespace(key.namespace()).withName(key.name());
    return Optional.ofNullable(named.get());
  }

  @Override
  public void expect(List<GenericKubernetesResource> objects) {
    watches.ensure(objects, context);
  }

  @Override
  public List<ObjectKey> ownedBy(String ownerId) {
    List<ObjectKey> owned = new ArrayList<>();
    for (ManagedKind kind : watches.informed()) {
      source(kind.id()).byIndex(Sources.OWNER_INDEX, ownerId).stream()
          .map(ObjectKey::of)
          .forEach(owned::add);
    }
    return owned;
  }

  @SuppressWarnings("unchecked")
  private InformerEventSource<GenericKubernetesResource, P> source(String name) {
    return (InformerEventSource<GenericKubernetesResource, P>)
        context.eventSourceRetriever().getEventSourceFor(GenericKubernetesResource.class, name);
  }
}
