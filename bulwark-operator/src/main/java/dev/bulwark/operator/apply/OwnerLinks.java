package dev.bulwark.operator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one place that ties an applied object to the Bulwark resource it belongs to.
 *
 * <p>Every object gets the {@value #OWNER_ANNOTATION} annotation, which the informers map back to
 * the owner (for drift correction) and which the applier checks so that two owners never fight over
 * one object. Kubernetes garbage collection then does the clean-up where it can: a namespaced
 * object in its owner's own namespace gets an owner reference. Everything else (cluster-scoped
 * objects, and objects in other namespaces, which owner references cannot reach or which Bulwark
 * chooses not to tie to a cluster-scoped owner) is deleted by the owner's finalizer {@value
 * #FINALIZER}, which deletes the inventory before the owner goes.
 */
public final class OwnerLinks {

  public static final String OWNER_ANNOTATION = "bulwark.dev/owner";
  public static final String FINALIZER = "bulwark.dev/cleanup";

  /** How an object is cleaned up when its owner is deleted. */
  public enum Link {
    /** By the garbage collector, through an owner reference. */
    OWNER_REFERENCE,
    /** By the owner's finalizer, from the inventory. */
    FINALIZER
  }

  private OwnerLinks() {}

  /**
   * The owner's id as written in {@value #OWNER_ANNOTATION}: {@code Kind/name} or {@code
   * Kind/namespace/name}.
   */
  public static String ownerId(HasMetadata owner) {
    String namespace = owner.getMetadata().getNamespace();
    return owner.getKind()
        + "/"
        + (namespace == null ? "" : namespace + "/")
        + owner.getMetadata().getName();
  }

  /** The owner id recorded on a live object, if it has one. */
  public static Optional<String> recordedOwner(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(OWNER_ANNOTATION));
  }

  /** Marks {@code object} as belonging to {@code owner}, and says how it will be cleaned up. */
  public static Link attach(HasMetadata owner, HasMetadata object) {
    Map<String, String> annotations = new TreeMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      annotations.putAll(object.getMetadata().getAnnotations());
    }
    annotations.put(OWNER_ANNOTATION, ownerId(owner));
    object.getMetadata().setAnnotations(annotations);
    Link link = linkFor(owner, object);
    if (link == Link.OWNER_REFERENCE) {
      object.getMetadata().setOwnerReferences(List.of(reference(owner)));
    }
    return link;
  }

  /** The link {@link #attach} chooses, without touching the object. */
  public static Link linkFor(HasMetadata owner, HasMetadata object) {
    return linkFor(owner, object.getMetadata().getNamespace());
  }

  /** The link for an object in {@code namespace} (null or empty for a cluster-scoped one). */
  public static Link linkFor(HasMetadata owner, String namespace) {
    String ownerNamespace = owner.getMetadata().getNamespace();
    boolean sameNamespace = ownerNamespace != null && ownerNamespace.equals(namespace);
    return sameNamespace ? Link.OWNER_REFERENCE : Link.FINALIZER;
  }

  private static OwnerReference reference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
