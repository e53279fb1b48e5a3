package dev.bulwark.console;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster shows one user. Tenants are cluster-scoped and tenant members may not read them,
 * so the console reads them with its own identity and shows one only when the API server says the
 * user may read Applications in at least one of its namespaces (a SelfSubjectAccessReview made as
 * the user). Everything inside a namespace is read as the user.
 */
final class ClusterView {

  private final KubernetesClient service;

  ClusterView(KubernetesClient service) {
    this.service = service;
  }

  /** The tenants the user may see, by name. */
  List<Tenant> tenants(KubernetesClient user) {
    return service.resources(Tenant.class).list().getItems().stream()
        .filter(t -> !readableNamespaces(user, t).isEmpty())
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .toList();
  }

  /**
   * Tenant {@code name}, if the user may see it; one they may not see is answered like one that
   * does not exist, so its name is not confirmed either.
   */
  Optional<Tenant> tenant(KubernetesClient user, String name) {
    return Optional.ofNullable(service.resources(Tenant.class).withName(name).get())
        .filter(t -> !readableNamespaces(user, t).isEmpty());
  }

  /** The tenant's namespaces in which the user may list Applications, in environment order. */
  List<String> readableNamespaces(KubernetesClient user, Tenant tenant) {
    return namespaces(tenant).stream()
        .filter(ns -> may(user, "list", "bulwark.dev", "applications", ns))
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

  /** The tenant's Applications in {@code namespaces}, by name; read as the user. */
  static List<Application> applications(
      KubernetesClient user, Tenant tenant, List<String> namespaces) {
    return namespaces.stream()
        .flatMap(ns -> user.resources(Application.class).inNamespace(ns).list().getItems().stream())
        .filter(a -> tenant.getMetadata().getName().equals(a.getSpec().getTenant()))
        .sorted(Comparator.comparing(a -> a.getMetadata().getName()))
        .toList();
  }

  /** Whether the API server lets the user do {@code verb} on the resource in {@code namespace}. */
  static boolean may(
      KubernetesClient user, String verb, String group, String resource, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withVerb(verb)
                    .withGroup(group)
                    .withResource(resource)
                    .withNamespace(namespace)
                    .build())
            .endSpec()
            .build();
    SelfSubjectAccessReview answer =
        user.authorization().v1().selfSubjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
