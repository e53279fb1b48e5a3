package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * The narrow part of the API server the {@link Applier} talks to: which kinds it serves, and the
 * two writes. Kept this small so that the applier's decisions (what to send, how to read a refusal)
 * can be tested without a server; {@link ClientObjectApi} is the real one.
 */
public interface ObjectApi {

  /** The kind, or empty when the API server does not serve it (for example, its CRD is missing). */
  Optional<ManagedKind> resolve(String apiVersion, String kind);

  /**
   * Server-side applies {@code object} under {@link Applier#FIELD_MANAGER}.
   *
   * @param force whether to take over fields another field manager owns
   * @throws KubernetesClientException when the server refuses
   */
  void serverSideApply(ManagedKind kind, GenericKubernetesResource object, boolean force);

  /**
   * Deletes the object, letting the garbage collector remove its dependents in the background.
   *
   * @throws KubernetesClientException when the server refuses (404 included)
   */
  void delete(ManagedKind kind, ObjectKey key);
}
