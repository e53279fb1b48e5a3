package dev.bulwark.operator.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Small desired objects for the pure tests of the apply package. */
final class Desired {

  static final String OWNER = "Tenant/acme";

  private Desired() {}

  /** An object with an optional sync wave; {@code namespace} null for a cluster-scoped one. */
  static GenericKubernetesResource object(
      String apiVersion, String kind, String namespace, String name, Integer wave) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(apiVersion);
    object.setKind(kind);
    Map<String, String> annotations = new TreeMap<>();
    if (wave != null) {
      annotations.put(SyncOrder.WAVE_ANNOTATION, Integer.toString(wave));
    }
    object.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withAnnotations(annotations)
            .build());
    return object;
  }

  static GenericKubernetesResource namespace(String name) {
    return object("v1", "Namespace", null, name, null);
  }

  static GenericKubernetesResource configMap(String namespace, String name, String value) {
    GenericKubernetesResource map = object("v1", "ConfigMap", namespace, name, null);
    map.setAdditionalProperty("data", Map.of("value", value));
    return map;
  }

  /** {@code object} marked as {@code owner}'s, as {@link OwnerLinks#recordedOwner} reads it. */
  static GenericKubernetesResource ownedBy(String owner, GenericKubernetesResource object) {
    object.getMetadata().getAnnotations().put(OwnerLinks.OWNER_ANNOTATION, owner);
    return object;
  }
}
