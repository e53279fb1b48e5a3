package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PendingApprovalStatus;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The manual promotions that wait for an approval, per application and environment, as the
 * promotion pass last read them from the GitOps repository (ADR 0041). The pass only reads; the
 * Application reconciler stays the one writer of the status: a change here reconciles the
 * application, and its status pass writes only when the status differs. An application the pass has
 * not read since it started (a restart, a new leader) keeps what its status says, so a restart does
 * not clear and re-add every pending approval.
 */
public final class PendingApprovals {

  private final Map<String, Map<String, PendingApprovalStatus>> read = new ConcurrentHashMap<>();
  private final Consumer<Predicate<Application>> changed;

  /** Tells {@code changed} which Applications a change concerns. */
  PendingApprovals(Consumer<Predicate<Application>> changed) {
    this.changed = changed;
  }

  /**
   * Records the requests that wait for {@code application} of {@code tenant}, by environment (every
   * environment without one is absent); reconciles the application when that changed.
   */
  void record(String tenant, String application, Map<String, PendingApprovalStatus> waiting) {
    Map<String, PendingApprovalStatus> before =
        read.put(key(tenant, application), Map.copyOf(waiting));
    if (!Objects.equals(before, waiting)) {
      changed.accept(
          a ->
              a.getMetadata().getName().equals(application)
                  && a.getSpec() != null
                  && tenant.equals(a.getSpec().getTenant()));
    }
  }

  /** Forgets every application: the pass stopped (this replica no longer leads). */
  void forgetAll() {
    read.clear();
  }

  /**
   * Sets each environment's pending approval: what the pass read, or, for an application it has not
   * read yet, what {@code before} (the status last written) says.
   */
  void fill(List<EnvironmentStatus> environments, Application app, ResourceStatus before) {
    Map<String, PendingApprovalStatus> known =
        read.get(key(app.getSpec().getTenant(), app.getMetadata().getName()));
    for (EnvironmentStatus environment : environments) {
      environment.setPendingApproval(
          known != null
              ? known.get(environment.getName())
              : previous(before, environment.getName()));
    }
  }

  private static PendingApprovalStatus previous(ResourceStatus before, String environment) {
    if (before == null || before.getEnvironments() == null) {
      return null;
    }
    return before.getEnvironments().stream()
        .filter(e -> environment.equals(e.getName()))
        .map(EnvironmentStatus::getPendingApproval)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static String key(String tenant, String application) {
    return tenant + "/" + application;
  }
}
