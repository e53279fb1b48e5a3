package dev.bulwark.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;

/**
 * The identity of a Kubernetes object: API version, kind, namespace (empty if cluster-scoped),
 * name.
 */
public record ObjectKey(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectKey> {

  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::kind)
          .thenComparing(ObjectKey::name)
          .thenComparing(ObjectKey::apiVersion);

  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
  }

  public static ObjectKey of(HasMetadata object) {
    return new ObjectKey(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  /** The API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + name
        + " ("
        + apiVersion
        + ")";
  }
}
