package dev.bulwark.operator.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory API server behind the applier's own narrow {@link ObjectApi} (never fabric8's
 * client), which is also the {@link LiveView} of what it holds. It records every request, keeps
 * what was applied with the applier's managed fields (so that a second pass finds it up to date),
 * and refuses the requests a test tells it to, with the status an API server would send.
 */
/* synchronized: a pass applies the objects of one step in parallel */
final class FakeCluster implements ObjectApi, LiveView {

  static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Map<ObjectKey, GenericKubernetesResource> objects = new TreeMap<>();
  private final Map<ObjectKey, KubernetesClientException> refusals = new HashMap<>();
  private final Set<String> unserved = new HashSet<>();
  private final List<String> requests = new ArrayList<>();

  /**
   * Every request sent, in order: {@code apply Kind ns/name}, {@code apply --force ...}, {@code
   * delete ...}.
   */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** Puts a live object in place, as another client (or an earlier pass) left it. */
  synchronized FakeCluster holding(GenericKubernetesResource live) {
    objects.put(ObjectKey.of(live), copy(live));
    return this;
  }

  /** Makes every write of {@code key} fail with this HTTP status and message. */
  synchronized FakeCluster refusing(ObjectKey key, int code, String message) {
    return refusing(key, refusal(code, message));
  }

  /** Makes every write of {@code key} fail as {@code failure} says. */
  synchronized FakeCluster refusing(ObjectKey key, KubernetesClientException failure) {
    refusals.put(key, failure);
    return this;
  }

  synchronized FakeCluster notServing(String apiVersion, String kind) {
    unserved.add(apiVersion + "/" + kind);
    return this;
  }

  synchronized boolean has(ObjectKey key) {
    return objects.containsKey(key);
  }

  static KubernetesClientException refusal(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Override
  public synchronized Optional<ManagedKind> resolve(String apiVersion, String kind) {
    if (unserved.contains(apiVersion + "/" + kind)) {
      return Optional.empty();
    }
    return Optional.of(
        new ManagedKind(apiVersion, kind, kind.toLowerCase(Locale.ROOT) + "s", true));
  }

  @Override
  public synchronized void serverSideApply(
      ManagedKind kind, GenericKubernetesResource object, boolean force) {
    ObjectKey key = ObjectKey.of(object);
    requests.add("apply " + (force ? "--force " : "") + name(key));
    KubernetesClientException refused = refusals.get(key);
    if (refused != null) {
      throw refused;
    }
    GenericKubernetesResource stored = copy(object);
    stored.getMetadata().setManagedFields(List.of(managedFields(object)));
    objects.put(key, stored);
  }

  @Override
  public synchronized void delete(ManagedKind kind, ObjectKey key) {
    requests.add("delete " + name(key));
    KubernetesClientException refused = refusals.get(key);
    if (refused != null) {
      throw refused;
    }
    if (objects.remove(key) == null) {
      throw refusal(404, key.kind() + " \"" + key.name() + "\" not found");
    }
  }

  @Override
  public synchronized Optional<GenericKubernetesResource> find(ObjectKey key) {
    return Optional.ofNullable(objects.get(key)).map(FakeCluster::copy);
  }

  @Override
  public synchronized List<ObjectKey> ownedBy(String ownerId) {
    return objects.values().stream()
        .filter(o -> OwnerLinks.recordedOwner(o).map(ownerId::equals).orElse(false))
        .map(ObjectKey::of)
        .toList();
  }

  static String name(ObjectKey key) {
    return key.kind() + " " + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
  }

  private static GenericKubernetesResource copy(GenericKubernetesResource object) {
    return JSON.convertValue(object, GenericKubernetesResource.class);
  }

  /** The fields an apply of {@code object} leaves owned by the applier: every field it sets. */
  private static ManagedFieldsEntry managedFields(GenericKubernetesResource object) {
    ObjectNode tree = JSON.convertValue(object, ObjectNode.class);
    List.of("apiVersion", "kind", "status").forEach(tree::remove);
    FieldsV1 fields = new FieldsV1();
    fieldSet(tree).forEach(fields::setAdditionalProperty);
    return new ManagedFieldsEntryBuilder()
        .withManager(Applier.FIELD_MANAGER)
        .withOperation("Apply")
        .withFieldsType("FieldsV1")
        .withFieldsV1(fields)
        .build();
  }

  private static Map<String, Object> fieldSet(JsonNode node) {
    Map<String, Object> set = new LinkedHashMap<>();
    node.properties()
        .forEach(
            field ->
                set.put(
                    "f:" + field.getKey(),
                    field.getValue().isObject() ? fieldSet(field.getValue()) : Map.of()));
    return set;
  }
}
