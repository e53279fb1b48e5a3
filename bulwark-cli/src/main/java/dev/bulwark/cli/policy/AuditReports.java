package dev.bulwark.cli.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.PolicyReports;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a cluster audit's PolicyReports ({@link PolicyReports}) by server-side apply under the
 * field manager {@value PolicyReports#NAME}, and deletes the audit's reports of namespaces that had
 * nothing audited this time, so that a rerun replaces the last audit and never adds to it.
 */
public final class AuditReports {

  /** What one publication did. */
  public record Published(List<String> written, List<String> deleted) {}

  private final KubernetesClient client;

  public AuditReports(KubernetesClient client) {
    this.client = client;
  }

  /** Applies the reports of {@code report} and removes the stale ones. */
  public Published publish(AuditReport report, Instant now) {
    Map<String, String> tenants = tenantsByNamespace();
    List<String> written = new ArrayList<>();
    Set<String> namespaces = new HashSet<>();
    for (ObjectNode node : PolicyReports.of(report, ns -> tenants.getOrDefault(ns, ""), now)) {
      GenericKubernetesResource object =
          client.getKubernetesSerialization().convertValue(node, GenericKubernetesResource.class);
      client.resource(object).fieldManager(PolicyReports.NAME).forceConflicts().serverSideApply();
      String namespace = object.getMetadata().getNamespace();
      namespaces.add(namespace == null ? "" : namespace);
      written.add(ref(object));
    }
    List<String> deleted = new ArrayList<>();
    for (String kind : List.of("PolicyReport", "ClusterPolicyReport")) {
      for (GenericKubernetesResource stale : stale(kind, namespaces)) {
        client.resource(stale).delete();
        deleted.add(ref(stale));
      }
    }
    return new Published(written, deleted);
  }

  /** The audit's reports of {@code kind} outside the namespaces just written. */
  private List<GenericKubernetesResource> stale(String kind, Set<String> written) {
    try {
      return client
          .genericKubernetesResources(PolicyReports.API_VERSION, kind)
          .inAnyNamespace()
          .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
          .list()
          .getItems()
          .stream()
          .filter(r -> PolicyReports.NAME.equals(r.getMetadata().getName()))
          .filter(r -> !written.contains(Objects.toString(r.getMetadata().getNamespace(), "")))
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // the kind is not served: nothing was written before either
      }
      throw e;
    }
  }

  private Map<String, String> tenantsByNamespace() {
    Map<String, String> tenants = new HashMap<>();
    client
        .namespaces()
        .withLabel(BulwarkLabels.TENANT)
        .list()
        .getItems()
        .forEach(
            ns ->
                tenants.put(
                    ns.getMetadata().getName(),
                    ns.getMetadata().getLabels().get(BulwarkLabels.TENANT)));
    return tenants;
  }

  private static String ref(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind()
        + " "
        + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }
}
