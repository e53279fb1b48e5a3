package dev.bulwark.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.operator.live.LiveObjects;
import dev.bulwark.policy.audit.Manifest;
import dev.bulwark.yaml.Location;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The live objects {@code bulwark audit --cluster} checks: every workload-like object in the
 * tenants' namespaces (platform namespaces excluded) that no audited controller owns, with the
 * namespaces themselves so that each object is judged at its namespace's Pod Security level,
 * version and environment. Each object's location is {@code cluster/<namespace>/<kind>/<name>}.
 */
final class ClusterManifests {

  static final List<String> KINDS;

  static {
    List<String> kinds = new ArrayList<>(LiveObjects.WORKLOAD_KINDS);
    kinds.add("v1/ReplicationController");
    kinds.add("v1/ConfigMap");
    KINDS = List.copyOf(kinds);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterManifests() {}

  static List<Manifest> read(Config config) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return read(client);
    }
  }

  /** The manifests to audit, read with {@code client}. */
  public static List<Manifest> read(KubernetesClient client) {
    {
      List<Manifest> manifests = new ArrayList<>();
      client
          .namespaces()
          .withLabel(BulwarkLabels.TENANT)
          .withLabelNotIn(BulwarkLabels.TENANT, BulwarkLabels.PLATFORM_TENANT)
          .list()
          .getItems()
          .forEach(ns -> manifests.add(manifest(ns)));
      for (GenericKubernetesResource object : new LiveObjects(client).inTenantNamespaces(KINDS)) {
        if (!ownedByAuditedController(object)) {
          manifests.add(manifest(object));
        }
      }
      return manifests;
    }
  }

  /**
   * A ReplicaSet of a Deployment, a Pod of a ReplicaSet or Job, a Job of a CronJob: its controller
   * is audited already, with the same pod template, so reporting it again would only repeat.
   */
  public static boolean ownedByAuditedController(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().stream()
        .anyMatch(
            o ->
                Boolean.TRUE.equals(o.getController())
                    && KINDS.stream().anyMatch(k -> k.endsWith("/" + o.getKind())));
  }

  private static Manifest manifest(HasMetadata object) {
    ObjectNode json = JSON.valueToTree(object);
    json.remove("status");
    if (json.path("metadata") instanceof ObjectNode metadata) {
      metadata.remove("managedFields");
    }
    String namespace = object.getMetadata().getNamespace();
    String where =
        "cluster/"
            + (namespace == null ? "" : namespace + "/")
            + object.getKind()
            + "/"
            + object.getMetadata().getName();
    return new Manifest(new Location(where, 1, 1), (JsonNode) json);
  }
}
