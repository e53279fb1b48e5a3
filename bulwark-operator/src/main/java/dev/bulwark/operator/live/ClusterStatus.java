package dev.bulwark.operator.live;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.reconcile.StatusAggregator;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The conditions of every Platform, Tenant and Application in a cluster: what {@code bulwark
 * status} shows.
 */
public final class ClusterStatus {

  /**
   * One resource's state.
   *
   * @param kind Platform, Tenant or Application
   * @param namespace the namespace of an Application, else empty
   * @param name the name
   * @param tenant the tenant of an Application or the name of a Tenant, else empty
   * @param current whether the status was written for the resource's current generation
   * @param ready the Ready condition, if the operator has written one
   * @param reconciling the Reconciling condition, if any
   * @param degraded the Degraded condition, if any
   * @param objects how many objects the resource's inventory holds
   */
  public record Row(
      String kind,
      String namespace,
      String name,
      String tenant,
      boolean current,
      Optional<Condition> ready,
      Optional<Condition> reconciling,
      Optional<Condition> degraded,
      int objects) {

    /** Ready=True for the current generation. */
    public boolean isReady() {
      return current && ready.map(c -> "True".equals(c.getStatus())).orElse(false);
    }
  }

  private ClusterStatus() {}

  /**
   * Every Bulwark resource in the cluster, platform first, then tenants, then applications by
   * namespace.
   */
  public static List<Row> read(KubernetesClient client) {
    List<Row> rows = new ArrayList<>();
    client.resources(Platform.class).list().getItems().stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(p -> rows.add(row(p, "")));
    client.resources(Tenant.class).list().getItems().stream()
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .forEach(t -> rows.add(row(t, t.getMetadata().getName())));
    client.resources(Application.class).inAnyNamespace().list().getItems().stream()
        .sorted(
            Comparator.comparing((Application a) -> a.getMetadata().getNamespace())
                .thenComparing(a -> a.getMetadata().getName()))
        .forEach(a -> rows.add(row(a, a.getSpec() == null ? "" : a.getSpec().getTenant())));
    return rows;
  }

  /** Whether every row is Ready (and there is at least one). */
  public static boolean allReady(List<Row> rows) {
    return !rows.isEmpty() && rows.stream().allMatch(Row::isReady);
  }

  private static Row row(CustomResource<?, ResourceStatus> resource, String tenant) {
    ResourceStatus status = resource.getStatus();
    boolean current =
        status != null
            && Objects.equals(
                status.getObservedGeneration(), resource.getMetadata().getGeneration());
    return new Row(
        resource.getKind(),
        Objects.requireNonNullElse(resource.getMetadata().getNamespace(), ""),
        resource.getMetadata().getName(),
        tenant,
        current,
        StatusAggregator.find(status, StatusAggregator.READY),
        StatusAggregator.find(status, StatusAggregator.RECONCILING),
        StatusAggregator.find(status, StatusAggregator.DEGRADED),
        status == null || status.getInventory() == null ? 0 : status.getInventory().size());
  }

  /** For messages: the rows not Ready, as {@code Kind ns/name (reason: message)}. */
  public static Stream<String> notReady(List<Row> rows) {
    return rows.stream()
        .filter(r -> !r.isReady())
        .map(
            r ->
                r.kind()
                    + " "
                    + (r.namespace().isEmpty() ? "" : r.namespace() + "/")
                    + r.name()
                    + r.ready()
                        .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")")
                        .orElse(" (no status yet)"));
  }
}
