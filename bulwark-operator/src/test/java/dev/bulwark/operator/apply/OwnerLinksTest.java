package dev.bulwark.operator.apply;

import static dev.bulwark.operator.apply.Desired.configMap;
import static dev.bulwark.operator.apply.Desired.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an applied object is tied to its owner, and how it will be cleaned up. */
class OwnerLinksTest {

  private final Tenant tenant = tenant("acme");
  private final Application app = application("acme-dev", "shop");

  @Test
  void ownerIdsNameTheNamespaceOnlyWhenThereIsOne() {
    assertThat(OwnerLinks.ownerId(tenant)).isEqualTo("Tenant/acme");
    assertThat(OwnerLinks.ownerId(app)).isEqualTo("Application/acme-dev/shop");
  }

  @Test
  void anObjectInTheOwnersNamespaceGetsAnOwnerReferenceForTheGarbageCollector() {
    GenericKubernetesResource object = configMap("acme-dev", "settings", "1");

    OwnerLinks.Link link = OwnerLinks.attach(app, object);

    assertThat(link).isEqualTo(OwnerLinks.Link.OWNER_REFERENCE);
    assertThat(object.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            (OwnerReference ref) -> {
              assertThat(ref.getKind()).isEqualTo("Application");
              assertThat(ref.getApiVersion()).isEqualTo("bulwark.dev/v1alpha1");
              assertThat(ref.getName()).isEqualTo("shop");
              assertThat(ref.getUid()).isEqualTo("uid-shop");
              assertThat(ref.getController()).isTrue();
              // deleting the owner must not wait for its objects: the finalizer runs first
              assertThat(ref.getBlockOwnerDeletion()).isFalse();
            });
    assertThat(OwnerLinks.recordedOwner(object)).contains("Application/acme-dev/shop");
  }

  @Test
  void objectsElsewhereAndOfClusterScopedOwnersAreLeftToTheFinalizer() {
    GenericKubernetesResource otherNamespace = configMap("acme-prod", "settings", "1");
    GenericKubernetesResource ofTenant = configMap("acme-dev", "settings", "1");
    GenericKubernetesResource clusterScoped = namespace("acme-dev");

    assertThat(OwnerLinks.attach(app, otherNamespace)).isEqualTo(OwnerLinks.Link.FINALIZER);
    assertThat(OwnerLinks.attach(tenant, ofTenant)).isEqualTo(OwnerLinks.Link.FINALIZER);
    assertThat(OwnerLinks.attach(app, clusterScoped)).isEqualTo(OwnerLinks.Link.FINALIZER);
    assertThat(otherNamespace.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(ofTenant.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(OwnerLinks.recordedOwner(ofTenant)).contains("Tenant/acme");
    assertThat(OwnerLinks.linkFor(app, (String) null)).isEqualTo(OwnerLinks.Link.FINALIZER);
    assertThat(OwnerLinks.linkFor(app, "acme-dev")).isEqualTo(OwnerLinks.Link.OWNER_REFERENCE);
  }

  @Test
  void attachingKeepsTheRenderersAnnotationsAndReplacesAStaleOwner() {
    GenericKubernetesResource object = configMap("acme-dev", "settings", "1");
    object
        .getMetadata()
        .setAnnotations(
            Map.of(
                "argocd.argoproj.io/sync-wave", "10", OwnerLinks.OWNER_ANNOTATION, "Tenant/old"));

    OwnerLinks.attach(tenant, object);

    assertThat(object.getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "argocd.argoproj.io/sync-wave", "10", OwnerLinks.OWNER_ANNOTATION, "Tenant/acme"));
  }

  @Test
  void anObjectWithoutAnnotationsHasNoRecordedOwner() {
    GenericKubernetesResource object = configMap("acme-dev", "settings", "1");
    object.getMetadata().setAnnotations(null);

    assertThat(OwnerLinks.recordedOwner(object)).isEmpty();
  }

  private static Tenant tenant(String name) {
    Tenant tenant = new Tenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name).build());
    return tenant;
  }

  private static Application application(String namespace, String name) {
    Application app = new Application();
    app.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid("uid-" + name)
            .build());
    return app;
  }
}
