package dev.bulwark.policy.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes kinds policies may match, with their API group, version and resource name.
 * ValidatingAdmissionPolicy matches resources (plurals) while Gatekeeper and audit match kinds, so
 * the library names kinds and this table translates.
 */
public final class Kinds {

  /** One matchable kind. */
  public record Kind(String group, String version, String kind, String resource) {
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  /** The kinds that carry a pod spec, directly or in a template: what Pod Security applies to. */
  public static final List<String> POD_KINDS =
      List.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob");

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    add("", "v1", "Pod", "pods");
    add("apps", "v1", "Deployment", "deployments");
    add("apps", "v1", "StatefulSet", "statefulsets");
    add("apps", "v1", "DaemonSet", "daemonsets");
    add("apps", "v1", "ReplicaSet", "replicasets");
    add("", "v1", "ReplicationController", "replicationcontrollers");
    add("batch", "v1", "Job", "jobs");
    add("batch", "v1", "CronJob", "cronjobs");
    add("", "v1", "Service", "services");
    add("", "v1", "ConfigMap", "configmaps");
    add("networking.k8s.io", "v1", "Ingress", "ingresses");
    add("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes");
    add("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes");
    add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets");
    add("rbac.authorization.k8s.io", "v1", "Role", "roles");
    add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings");
    add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings");
  }

  private Kinds() {}

  private static void add(String group, String version, String kind, String resource) {
    KINDS.put(kind, new Kind(group, version, kind, resource));
  }

  public static Optional<Kind> byName(String kind) {
    return Optional.ofNullable(KINDS.get(kind));
  }

  /** Whether objects of this kind live outside namespaces (and so have no namespaceObject). */
  public static boolean isClusterScoped(String kind) {
    return kind.startsWith("Cluster")
        || kind.equals("Namespace")
        || kind.equals("Node")
        || kind.equals("PersistentVolume")
        || kind.equals("CustomResourceDefinition")
        || kind.equals("StorageClass")
        || kind.endsWith("WebhookConfiguration")
        || kind.startsWith("ValidatingAdmissionPolicy")
        || kind.equals("PriorityClass");
  }

  public static Kind require(String kind) {
    return byName(kind)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "kind " + kind + " is not one policies can match; known: " + KINDS.keySet()));
  }
}
