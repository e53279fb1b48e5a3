package dev.bulwark.operator.apply;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the operator knows how to address. The kinds Bulwark's render units produce are listed
 * here, so that the operator watches them from the start (drift correction) and the Helm chart's
 * ClusterRole can be checked against them; any other kind is found once through API discovery.
 */
public final class KindRegistry {

  /** Every kind the built-in render units produce, cluster-scoped first (the order of applying). */
  public static final List<ManagedKind> WATCHED =
      List.of(
          new ManagedKind("v1", "Namespace", "namespaces", false),
          new ManagedKind("v1", "ServiceAccount", "serviceaccounts", true),
          new ManagedKind("v1", "ResourceQuota", "resourcequotas", true),
          new ManagedKind("v1", "LimitRange", "limitranges", true),
          new ManagedKind("v1", "Service", "services", true),
          new ManagedKind("rbac.authorization.k8s.io/v1", "Role", "roles", true),
          new ManagedKind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
          new ManagedKind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true),
          new ManagedKind("gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes", true),
          new ManagedKind("apps/v1", "Deployment", "deployments", true),
          new ManagedKind("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
          new ManagedKind(
              "autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true));

  private final KubernetesClient client;
  private final Map<String, Optional<ManagedKind>> byId = new ConcurrentHashMap<>();
  private final List<ManagedKind> served;

  /**
   * A registry whose informed kinds are those of {@link #WATCHED} that the API server serves now.
   */
  public KindRegistry(KubernetesClient client) {
    this.client = client;
    this.served =
        WATCHED.stream().filter(k -> discover(k.apiVersion(), k.kind()).isPresent()).toList();
    served.forEach(k -> byId.put(k.id(), Optional.of(k)));
  }

  /**
   * The kinds the operator keeps informers on from the start: the {@link #WATCHED} ones the server
   * serves at start. Every other kind a reconcile applies (found by discovery, including a CRD
   * installed later) gets its informer when a reconcile first wants an object of it.
   */
  public List<ManagedKind> informed() {
    return served;
  }

  /** The watched kinds the server did not serve at start. */
  public List<ManagedKind> notServed() {
    return WATCHED.stream().filter(k -> !served.contains(k)).toList();
  }

  /** Whether the operator keeps an informer on this kind. */
  public boolean watched(String apiVersion, String kind) {
    return served.stream()
        .anyMatch(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind));
  }

  /** The kind, or empty when the API server does not serve it (for example, its CRD is missing). */
  public Optional<ManagedKind> resolve(String apiVersion, String kind) {
    String id = apiVersion + "/" + kind;
    Optional<ManagedKind> known = byId.get(id);
    if (known != null) {
      return known;
    }
    // a kind that is missing is asked for again next time: its CRD may be installed meanwhile
    Optional<ManagedKind> found = discover(apiVersion, kind);
    found.ifPresent(k -> byId.put(id, Optional.of(k)));
    return found;
  }

  private Optional<ManagedKind> discover(String apiVersion, String kind) {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (list == null || list.getResources() == null) {
      return Optional.empty();
    }
    return list.getResources().stream()
        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
        .findFirst()
        .map(
            (APIResource r) ->
                new ManagedKind(
                    apiVersion, kind, r.getName(), Boolean.TRUE.equals(r.getNamespaced())));
  }
}
