package dev.bulwark.operator;

import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.reconcile.StatusAggregator;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shared set-up of the real-API-server tests: CRDs, the one Platform, and builders for tenants and
 * applications.
 */
final class LiveFixture {

  static final String PLATFORM = "test";

  private LiveFixture() {}

  /**
   * Installs Bulwark's CRDs and, if the shared data has it, Gateway API's HTTPRoute CRD;
   * idempotent.
   */
  static void installCrds(KubernetesClient admin) {
    CrdInstaller installer = new CrdInstaller(admin);
    installer.installBulwarkCrds();
    Optional<Path> routes =
        SharedData.resolve("crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml");
    routes.ifPresent(installer::installFile);
  }

  static boolean gatewayApi() {
    return SharedData.resolve("crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml")
        .isPresent();
  }

  /** The cluster's one Platform, created if missing. */
  static Platform ensurePlatform(KubernetesClient admin) {
    Platform existing = admin.resources(Platform.class).withName(PLATFORM).get();
    if (existing != null) {
      return existing;
    }
    return admin.resource(SpecObjects.platform(PLATFORM, "example.test")).create();
  }

  static Tenant tenant(String name, String... environments) {
    return SpecObjects.tenant(name, environments);
  }

  static Application application(
      String namespace, String name, String tenant, int port, String host, String hostEnvironment) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    spec.setImage("registry.example.test/" + tenant + "/" + name + ":1.0.0");
    ApplicationSpec.PortSpec p = new ApplicationSpec.PortSpec();
    p.setName("http");
    p.setPort(port);
    spec.setPorts(new ArrayList<>(List.of(p)));
    if (host != null) {
      ApplicationSpec.HostSpec h = new ApplicationSpec.HostSpec();
      h.setHost(host);
      h.setEnvironment(hostEnvironment);
      spec.setHosts(new ArrayList<>(List.of(h)));
    }
    app.setSpec(spec);
    return app;
  }

  /** Waits until the resource reports Ready=True for its current generation, and returns it. */
  static <R extends CustomResource<?, ResourceStatus>> R awaitReady(
      KubernetesClient admin, R resource, Duration timeout) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) resource.getClass();
    List<R> seen = new ArrayList<>(1);
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              R live = current(admin, type, resource);
              seen.clear();
              seen.add(live);
              return live != null
                  && StatusAggregator.ready(live.getStatus(), live.getMetadata().getGeneration());
            });
    return seen.get(0);
  }

  static <R extends HasMetadata> R current(
      KubernetesClient admin, Class<R> type, HasMetadata resource) {
    var ops = admin.resources(type);
    String ns = resource.getMetadata().getNamespace();
    return ns == null
        ? ops.withName(resource.getMetadata().getName()).get()
        : ops.inNamespace(ns).withName(resource.getMetadata().getName()).get();
  }

  /** Adds an environment to a live Tenant, reading it again when the operator wrote meanwhile. */
  static void addEnvironment(KubernetesClient admin, String tenant, String environment) {
    // the operator writes the Tenant's status meanwhile: a conflict means read again and retry
    for (int attempt = 1; ; attempt++) {
      try {
        admin
            .resources(Tenant.class)
            .withName(tenant)
            .edit(
                t -> {
                  TenantSpec.EnvironmentSpec added = new TenantSpec.EnvironmentSpec();
                  added.setName(environment);
                  t.getSpec().getEnvironments().add(added);
                  return t;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }
}
