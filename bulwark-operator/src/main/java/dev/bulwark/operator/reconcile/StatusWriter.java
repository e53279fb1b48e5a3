package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.operator.apply.Applier;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a resource's status by server-side apply under {@value Applier#FIELD_MANAGER}, without
 * optimistic locking (the operator owns the whole status), and remembers what it wrote.
 *
 * <p>The informer's copy of a resource lags behind a status write by a watch event. A reconcile
 * that starts in that gap would compare against the stale status, write the same status again and
 * announce the same transition twice; {@link #current} answers with the status last written
 * instead, as long as the cached copy is older than that write.
 */
public final class StatusWriter {

  private record Written(long resourceVersion, ResourceStatus status) {}

  private final KubernetesClient client;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** The newest status known for {@code resource}: the cached one, or the one written after it. */
  public ResourceStatus current(CustomResource<?, ResourceStatus> resource) {
    Written last = written.get(resource.getMetadata().getUid());
    if (last == null
        || version(resource.getMetadata().getResourceVersion(), Long.MAX_VALUE)
            >= last.resourceVersion()) {
      return resource.getStatus();
    }
    return last.status();
  }

  /** Writes {@code status} as the resource's status. */
  public <P extends CustomResource<?, ResourceStatus>> void write(
      P resource, ResourceStatus status) {
    P patch = emptyLike(resource);
    patch.setStatus(status);
    P result =
        client
            .resource(patch)
            .subresource("status")
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(Applier.FIELD_MANAGER)
                    .withForce(true)
                    .build());
    written.put(
        resource.getMetadata().getUid(),
        new Written(version(result.getMetadata().getResourceVersion(), Long.MIN_VALUE), status));
  }

  /** Forgets a deleted resource. */
  public void forget(CustomResource<?, ResourceStatus> resource) {
    written.remove(resource.getMetadata().getUid());
  }

  @SuppressWarnings("unchecked")
  private static <P extends CustomResource<?, ResourceStatus>> P emptyLike(P resource) {
    try {
      P copy = (P) resource.getClass().getDeclaredConstructor().newInstance();
      copy.setMetadata(
          new ObjectMetaBuilder()
              .withName(resource.getMetadata().getName())
              .withNamespace(resource.getMetadata().getNamespace())
              .build());
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create an empty " + resource.getKind(), e);
    }
  }

  /**
   * Resource versions are etcd revisions: opaque to clients by contract, numeric in practice;
   * unparsable ones never win.
   */
  private static long version(String resourceVersion, long unparsable) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException | NullPointerException e) {
      return unparsable;
    }
  }
}
