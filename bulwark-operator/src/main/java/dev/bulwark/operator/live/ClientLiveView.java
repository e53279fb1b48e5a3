package dev.bulwark.operator.live;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.LiveView;
import dev.bulwark.operator.apply.ManagedKind;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The live state read with plain GETs and LISTs: for one-shot commands, which have no informers.
 */
public final class ClientLiveView implements LiveView {

  private final KubernetesClient client;
  private final KindRegistry kinds;

  public ClientLiveView(KubernetesClient client, KindRegistry kinds) {
    this.client = client;
    this.kinds = kinds;
  }

  @Override
  public Optional<GenericKubernetesResource> find(ObjectKey key) {
    Optional<ManagedKind> kind = kinds.resolve(key.apiVersion(), key.kind());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    var resources = client.genericKubernetesResources(kind.get().context());
    try {
      var named =
          key.namespace().isEmpty()
              ? resources.withName(key.name())
              : resources.inNamespace(key.namespace()).withName(key.name());
      return Optional.ofNullable(named.get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw e;
      }
      return Optional.empty();
    }
  }

  @Override
  public List<GenericKubernetesResource> ownedBy(String ownerId) {
    List<GenericKubernetesResource> owned = new ArrayList<>();
    for (ManagedKind kind : kinds.informed()) {
      var resources = client.genericKubernetesResources(kind.context());
      var list =
          kind.namespaced()
              ? resources
                  .inAnyNamespace()
                  .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
              : resources.withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
      list.list().getItems().stream()
          .filter(o -> OwnerLinks.recordedOwner(o).map(ownerId::equals).orElse(false))
          .forEach(owned::add);
    }
    return owned;
  }
}
