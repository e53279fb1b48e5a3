package dev.bulwark.operator.live;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.ManagedKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists live objects for checks on a running cluster (for example {@code bulwark audit --cluster}):
 * the objects Bulwark manages, or every object of given kinds in the tenants' namespaces.
 */
public final class LiveObjects {

  /** The kinds a workload audit looks at by default, as {@code apiVersion/kind}. */
  public static final List<String> WORKLOAD_KINDS =
      List.of(
          "v1/Pod",
          "apps/v1/Deployment",
          "apps/v1/StatefulSet",
          "apps/v1/DaemonSet",
          "apps/v1/ReplicaSet",
          "batch/v1/Job",
          "batch/v1/CronJob",
          "v1/Service",
          "v1/ServiceAccount",
          "networking.k8s.io/v1/Ingress",
          "networking.k8s.io/v1/NetworkPolicy",
          "rbac.authorization.k8s.io/v1/Role",
          "rbac.authorization.k8s.io/v1/RoleBinding",
          "gateway.networking.k8s.io/v1/HTTPRoute");

  private final KubernetesClient client;
  private final KindRegistry kinds;

  public LiveObjects(KubernetesClient client) {
    this.client = client;
    this.kinds = new KindRegistry(client);
  }

  /**
   * Every object labelled {@code app.kubernetes.io/managed-by=bulwark}, of every kind the operator
   * applies and the server serves.
   */
  public List<GenericKubernetesResource> managed() {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (ManagedKind kind : kinds.informed()) {
      var resources = client.genericKubernetesResources(kind.context());
      var selected =
          kind.namespaced()
              ? resources
                  .inAnyNamespace()
                  .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
              : resources.withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
      objects.addAll(selected.list().getItems());
    }
    return objects;
  }

  /**
   * The namespaces of tenants: those labelled {@code bulwark.dev/tenant} (platform namespaces
   * excluded).
   */
  public List<String> tenantNamespaces() {
    return client
        .namespaces()
        .withLabel(BulwarkLabels.TENANT)
        .withLabelNotIn(BulwarkLabels.TENANT, BulwarkLabels.PLATFORM_TENANT)
        .list()
        .getItems()
        .stream()
        .map((Namespace n) -> n.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * Every object of the given kinds ({@code apiVersion/kind}, for example {@code
   * apps/v1/Deployment}) in the tenants' namespaces, whoever created them. Kinds the server does
   * not serve are left out.
   */
  public List<GenericKubernetesResource> inTenantNamespaces(List<String> apiVersionKinds) {
    List<String> namespaces = tenantNamespaces();
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (String id : apiVersionKinds) {
      int slash = id.lastIndexOf('/');
      Optional<ManagedKind> kind = kinds.resolve(id.substring(0, slash), id.substring(slash + 1));
      if (kind.isEmpty() || !kind.get().namespaced()) {
        continue;
      }
      for (String namespace : namespaces) {
        objects.addAll(
            client
                .genericKubernetesResources(kind.get().context())
                .inNamespace(namespace)
                .list()
                .getItems());
      }
    }
    return objects;
  }
}
