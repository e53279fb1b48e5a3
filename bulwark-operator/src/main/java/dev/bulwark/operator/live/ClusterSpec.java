package dev.bulwark.operator.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/**
 * The spec a cluster holds as custom resources: its one Platform with every Tenant and Application
 * that has a spec (those without are invalid and left out, as the reconcilers leave them out).
 */
public final class ClusterSpec {

  private ClusterSpec() {}

  /**
   * The cluster's spec; empty without exactly one Platform that has a spec, or without Bulwark's
   * CRDs.
   */
  public static Optional<BulwarkSpec> read(KubernetesClient client) {
    try {
      return readServed(client);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Optional<BulwarkSpec> readServed(KubernetesClient client) {
    List<Platform> platforms =
        client.resources(Platform.class).inAnyNamespace().list().getItems().stream()
            .filter(p -> p.getSpec() != null && p.getMetadata().getDeletionTimestamp() == null)
            .toList();
    if (platforms.size() != 1) {
      return Optional.empty();
    }
    List<Tenant> tenants =
        client.resources(Tenant.class).inAnyNamespace().list().getItems().stream()
            .filter(t -> t.getSpec() != null)
            .toList();
    List<Application> applications =
        client.resources(Application.class).inAnyNamespace().list().getItems().stream()
            .filter(a -> a.getSpec() != null)
            .toList();
    return Optional.of(new BulwarkSpec(platforms.get(0), tenants, applications));
  }
}
