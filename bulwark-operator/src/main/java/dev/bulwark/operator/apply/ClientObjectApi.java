package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** {@link ObjectApi} on a fabric8 client, with kinds resolved by the {@link KindRegistry}. */
public record ClientObjectApi(KubernetesClient client, KindRegistry kinds) implements ObjectApi {

  @Override
  public Optional<ManagedKind> resolve(String apiVersion, String kind) {
    return kinds.resolve(apiVersion, kind);
  }

  @Override
  public void serverSideApply(ManagedKind kind, GenericKubernetesResource object, boolean force) {
    var op =
        client
            .genericKubernetesResources(kind.context())
            .resource(object)
            .fieldManager(Applier.FIELD_MANAGER);
    if (force) {
      op = op.forceConflicts();
    }
    op.serverSideApply();
  }

  @Override
  public void delete(ManagedKind kind, ObjectKey key) {
    var resources = client.genericKubernetesResources(kind.context());
    var named =
        key.namespace().isEmpty()
            ? resources.withName(key.name())
            : resources.inNamespace(key.namespace()).withName(key.name());
    named.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
