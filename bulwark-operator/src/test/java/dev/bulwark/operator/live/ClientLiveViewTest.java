package dev.bulwark.operator.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.operator.apply.KindRegistry;
import dev.bulwark.operator.apply.OwnerLinks;
import dev.bulwark.render.ObjectKey;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one-shot view names each owner's objects from one listing of each kind, however many owners
 * ask: per-owner listings made a one-shot apply quadratic in the number of Applications.
 */
@RealApiServer
class ClientLiveViewTest {

  @Test
  void namesEachOwnersObjectsFromOneListingOfEachKind(KubernetesClient admin, Config config) {
    for (String ns : new String[] {"view-a", "view-b"}) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    admin.resource(owned("view-a", "settings", "Tenant/alpha")).serverSideApply();
    admin.resource(owned("view-b", "settings", "Tenant/alpha")).serverSideApply();
    admin.resource(owned("view-b", "other", "Application/view-b/beta")).serverSideApply();
    ServiceAccount unmanaged = owned("view-a", "by-hand", "Tenant/alpha");
    unmanaged.getMetadata().getLabels().remove(BulwarkLabels.MANAGED_BY);
    admin.resource(unmanaged).serverSideApply();

    AtomicInteger listings = new AtomicInteger();
    Interceptor counting =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String query = request.uri().getQuery();
            if (query != null && query.contains("labelSelector")) {
              listings.incrementAndGet();
            }
          }
        };
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counting))
            .build()) {
      KindRegistry kinds = new KindRegistry(client);
      ClientLiveView view = new ClientLiveView(client, kinds);

      assertThat(view.ownedBy("Tenant/alpha"))
          .containsExactlyInAnyOrder(key("view-a", "settings"), key("view-b", "settings"));
      assertThat(view.ownedBy("Application/view-b/beta")).containsExactly(key("view-b", "other"));
      assertThat(view.ownedBy("Tenant/nobody")).isEmpty();
      assertThat(listings.get()).isEqualTo(kinds.informed().size());

      // a new view lists afresh: a one-shot apply makes one per pass
      admin.resource(owned("view-a", "later", "Tenant/alpha")).serverSideApply();
      assertThat(new ClientLiveView(client, kinds).ownedBy("Tenant/alpha"))
          .contains(key("view-a", "later"));
    }
  }

  private static ServiceAccount owned(String namespace, String name, String owner) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(
            new java.util.HashMap<>(
                Map.of(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)))
        .withAnnotations(Map.of(OwnerLinks.OWNER_ANNOTATION, owner))
        .endMetadata()
        .build();
  }

  private static ObjectKey key(String namespace, String name) {
    return new ObjectKey("v1", "ServiceAccount", namespace, name);
  }
}
