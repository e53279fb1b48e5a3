package dev.bulwark.console;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects every page reads, held in informer caches under the console's own identity: Tenants,
 * Applications and ResourceQuotas. A page then costs no list request; who may see what is decided
 * per person by {@link Access}, never by the cache. The informers start on the first page that
 * needs them (a console whose cluster is down still serves its login and static pages), and a
 * failed start is tried again on the next page.
 */
final class Watched implements AutoCloseable {

  private record Informers(
      SharedIndexInformer<Tenant> tenants,
      SharedIndexInformer<Application> applications,
      SharedIndexInformer<ResourceQuota> quotas) {

    void close() {
      tenants.close();
      applications.close();
      quotas.close();
    }
  }

  private final KubernetesClient service;
  private volatile Informers informers;

  Watched(KubernetesClient service) {
    this.service = service;
  }

  List<Tenant> tenants() {
    return informers().tenants().getStore().list();
  }

  Optional<Tenant> tenant(String name) {
    return Optional.ofNullable(informers().tenants().getStore().getByKey(name));
  }

  List<Application> applications(String namespace) {
    return informers().applications().getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  Optional<Application> application(String namespace, String name) {
    return Optional.ofNullable(
        informers().applications().getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
  }

  List<ResourceQuota> quotas(String namespace) {
    return informers().quotas().getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  private Informers informers() {
    Informers started = informers;
    return started != null ? started : start();
  }

  private synchronized Informers start() {
    if (informers == null) {
      List<SharedIndexInformer<?>> started = new ArrayList<>();
      try {
        SharedIndexInformer<Tenant> tenants = started(started, service.resources(Tenant.class));
        SharedIndexInformer<Application> applications =
            started(started, service.resources(Application.class).inAnyNamespace());
        SharedIndexInformer<ResourceQuota> quotas =
            started(started, service.resourceQuotas().inAnyNamespace());
        informers = new Informers(tenants, applications, quotas);
      } catch (RuntimeException e) {
        // nothing half-started stays behind; the next page tries again
        started.forEach(SharedIndexInformer::close);
        throw e;
      }
    }
    return informers;
  }

  private static <T extends HasMetadata> SharedIndexInformer<T> started(
      List<SharedIndexInformer<?>> started, Informable<T> resources) {
    SharedIndexInformer<T> informer = resources.inform();
    started.add(informer);
    return informer;
  }

  @Override
  public synchronized void close() {
    if (informers != null) {
      informers.close();
      informers = null;
    }
  }
}
