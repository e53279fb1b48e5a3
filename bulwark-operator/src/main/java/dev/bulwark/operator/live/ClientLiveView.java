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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live state read with plain GETs and LISTs: for one-shot commands, which have no informers.
 *
 * <p>Objects are read one by one; ownership from one listing of each managed kind, made at the
 * first {@link #ownedBy} and kept for the life of the view. The API server filters by label but not
 * by annotation, so listing per owner read every managed object once per owner: a one-shot apply of
 * 1,000 Applications moved about 16,000 objects a thousand times. A listing that is a pass old is
 * enough, since {@link LiveView#ownedBy} only names candidates for pruning and each is looked up
 * before it is deleted; what the pass created since is what it wanted.
 */
public final class ClientLiveView implements LiveView {

  private final KubernetesClient client;
  private final KindRegistry kinds;
  private Map<String, List<ObjectKey>> owned;

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
  public synchronized List<ObjectKey> ownedBy(String ownerId) {
    if (owned == null) {
      owned = listOwned();
    }
    return owned.getOrDefault(ownerId, List.of());
  }

  /** Every managed object's key, by its recorded owner. */
  private Map<String, List<ObjectKey>> listOwned() {
    Map<String, List<ObjectKey>> byOwner = new HashMap<>();
    for (ManagedKind kind : kinds.informed()) {
      var resources = client.genericKubernetesResources(kind.context());
      var list =
          kind.namespaced()
              ? resources
                  .inAnyNamespace()
                  .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
              : resources.withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
      for (GenericKubernetesResource object : list.list().getItems()) {
        OwnerLinks.recordedOwner(object)
            .ifPresent(
                owner ->
                    byOwner
                        .computeIfAbsent(owner, o -> new ArrayList<>())
                        .add(ObjectKey.of(object)));
      }
    }
    return byOwner;
  }
}
