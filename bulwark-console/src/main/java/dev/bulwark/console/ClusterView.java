package dev.bulwark.console;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster shows one person. The objects come from the console's informer caches ({@link
 * Watched}); what of them a person sees, the API server decides ({@link Access}): a tenant when
 * they may list Applications in one of its namespaces, a namespace's Applications and quotas when
 * they may list those there. A tenant they may not see is answered like one that does not exist.
 */
final class ClusterView {

  private final Watched watched;
  private final Access access;

  ClusterView(Watched watched, Access access) {
    this.watched = watched;
    this.access = access;
  }

  /** The tenants the person may see, by name. */
  List<Tenant> tenants(Session session) {
    return watched.tenants().stream()
        .filter(t -> !readableNamespaces(session, t).isEmpty())
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .toList();
  }

  /**
   * Tenant {@code name}, if the person may see it; one they may not see is answered like one that
   * does not exist, so its name is not confirmed either.
   */
  Optional<Tenant> tenant(Session session, String name) {
    return watched.tenant(name).filter(t -> !readableNamespaces(session, t).isEmpty());
  }

  /** The tenant's namespaces in which the person may list Applications, in environment order. */
  List<String> readableNamespaces(Session session, Tenant tenant) {
    return namespaces(tenant).stream()
        .filter(ns -> access.may(session, "list", "bulwark.dev", "applications", ns))
        .toList();
  }

  static List<String> namespaces(Tenant tenant) {
    return environments(tenant).stream()
        .map(e -> e.namespaceIn(tenant.getMetadata().getName()))
        .toList();
  }

  static List<TenantSpec.EnvironmentSpec> environments(Tenant tenant) {
    return tenant.getSpec() == null ? List.of() : tenant.getSpec().getEnvironments();
  }

  /** The tenant's Applications in {@code namespaces} (already checked as readable), by name. */
  List<Application> applications(Tenant tenant, List<String> namespaces) {
    return namespaces.stream()
        .flatMap(ns -> watched.applications(ns).stream())
        .filter(a -> a.getSpec() != null)
        .filter(a -> tenant.getMetadata().getName().equals(a.getSpec().getTenant()))
        .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
        .toList();
  }

  /** Application {@code namespace/name} of the tenant, if the person may get it. */
  Optional<Application> application(Session session, Tenant tenant, String namespace, String name) {
    return watched
        .application(namespace, name)
        .filter(a -> a.getSpec() != null)
        .filter(a -> tenant.getMetadata().getName().equals(a.getSpec().getTenant()))
        .filter(a -> access.may(session, "get", "bulwark.dev", "applications", namespace));
  }

  /** The namespace's quota with a status, if the person may list quotas there. */
  Optional<ResourceQuota> quota(Session session, String namespace) {
    if (!access.may(session, "list", "", "resourcequotas", namespace)) {
      return Optional.empty();
    }
    return watched.quotas(namespace).stream().filter(q -> q.getStatus() != null).findFirst();
  }

  /** Whether the person may {@code verb} the resource in {@code namespace}. */
  boolean may(Session session, String verb, String group, String resource, String namespace) {
    return access.may(session, verb, group, resource, namespace);
  }
}
