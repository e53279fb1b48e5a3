package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Optional;

/**
 * Where the applier reads the live state: informer caches in the operator, GETs in one-shot mode.
 */
public interface LiveView {

  /** The live object, or empty if it does not exist (or is not ours to see). */
  Optional<GenericKubernetesResource> find(ObjectKey key);

  /**
   * Told which objects a pass is about to apply, before it looks any up: a view that caches by kind
   * starts watching the kinds it does not cover yet.
   */
  default void expect(List<GenericKubernetesResource> objects) {}

  /**
   * The keys of live objects whose {@link OwnerLinks#OWNER_ANNOTATION} names {@code ownerId}, as
   * far as this view can list them. Only candidates for pruning: each is looked up with {@link
   * #find} before anything is deleted, so a view may answer from a listing made earlier.
   */
  List<ObjectKey> ownedBy(String ownerId);
}
