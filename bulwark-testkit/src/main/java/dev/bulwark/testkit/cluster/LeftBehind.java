package dev.bulwark.testkit.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Clean-up of cluster-wide objects an earlier test class left on the API server the classes of one
 * JVM share ({@link RealApiServer}). Names isolate namespaced objects; these do not: an admission
 * policy binding judges every later class's Pods, and a cluster-scoped owner whose operator has
 * stopped keeps its finalizer, so its deletion never ends.
 */
public final class LeftBehind {

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private LeftBehind() {}

  /** Deletes every ValidatingAdmissionPolicy and binding Bulwark's labels mark, bindings first. */
  public static void removeBulwarkAdmissionPolicies(KubernetesClient admin) {
    var registration = admin.admissionRegistration().v1();
    registration
        .validatingAdmissionPolicyBindings()
        .withLabel(MANAGED_BY, "bulwark")
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
    registration
        .validatingAdmissionPolicies()
        .withLabel(MANAGED_BY, "bulwark")
        .withTimeout(30, TimeUnit.SECONDS)
        .delete();
  }

  /**
   * Deletes the cluster-scoped {@code type} object {@code name} if it is there, its finalizers
   * dropped first (no operator of the class that made it runs any more), and waits until it is
   * gone.
   */
  public static <T extends HasMetadata> void remove(
      KubernetesClient admin, Class<T> type, String name, Duration timeout) {
    var resource = admin.resources(type).withName(name);
    T found = resource.get();
    if (found == null) {
      return;
    }
    if (found.getMetadata().getFinalizers() != null
        && !found.getMetadata().getFinalizers().isEmpty()) {
      resource.edit(
          o -> {
            o.getMetadata().setFinalizers(List.of());
            return o;
          });
    }
    resource.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).delete();
  }

  /**
   * Deletes those of the namespaces that exist and waits until each is gone (the namespace
   * controller empties it first, pods on a node included), so that a later class that creates a
   * namespace of the same name does not find it terminating. A namespace still there after {@code
   * timeout} is a failure that names the pods the node did not remove: nothing is forced.
   */
  public static void removeNamespaces(KubernetesClient admin, Duration timeout, String... names) {
    for (String name : names) {
      admin.namespaces().withName(name).delete();
    }
    for (String name : names) {
      try {
        admin
            .namespaces()
            .withName(name)
            .waitUntilCondition(Objects::isNull, timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException stuck) {
        throw new IllegalStateException(
            "namespace "
                + name
                + " still terminating after "
                + timeout
                + "; pods the node did not remove: "
                + admin.pods().inNamespace(name).list().getItems().stream()
                    .map(p -> p.getMetadata().getName())
                    .toList(),
            stuck);
      }
    }
  }
}
