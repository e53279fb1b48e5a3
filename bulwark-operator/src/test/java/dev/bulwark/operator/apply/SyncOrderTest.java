package dev.bulwark.operator.apply;

import static dev.bulwark.operator.apply.Desired.namespace;
import static dev.bulwark.operator.apply.Desired.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The apply order is Argo CD's: the ladder's wave from the annotation, then kind, then name. */
class SyncOrderTest {

  @Test
  void wavesComeFirstAndObjectsWithoutOneAreInWaveZero() {
    List<GenericKubernetesResource> ordered =
        SyncOrder.sort(
            List.of(
                object("external-secrets.io/v1", "ExternalSecret", "acme-dev", "db", 11),
                object("v1", "Service", "acme-dev", "shop", null),
                object("external-secrets.io/v1", "SecretStore", "acme-dev", "tenant", 10),
                object("argoproj.io/v1alpha1", "Application", "argocd", "cert-manager", -15),
                object("v1", "Namespace", null, "cert-manager", -30)));

    assertThat(names(ordered))
        .containsExactly(
            "Namespace cert-manager",
            "Application argocd/cert-manager",
            "Service acme-dev/shop",
            "SecretStore acme-dev/tenant",
            "ExternalSecret acme-dev/db");
  }

  @Test
  void stepsCutTheOrderWhereTheWaveOrTheKindsRungChanges() {
    List<List<GenericKubernetesResource>> steps =
        SyncOrder.steps(
            List.of(
                object("v1", "Service", "acme-dev", "shop", null),
                object("v1", "Service", "acme-dev", "cart", null),
                object("rbac.authorization.k8s.io/v1", "Role", "acme-dev", "dev", null),
                object("external-secrets.io/v1", "SecretStore", "acme-dev", "tenant", 10),
                object("external-secrets.io/v1", "ExternalSecret", "acme-dev", "db", 11),
                object("external-secrets.io/v1", "ExternalSecret", "acme-dev", "cache", 11),
                object("tekton.dev/v1", "Task", "acme-ci", "build", null),
                object("tekton.dev/v1", "Pipeline", "acme-ci", "shop", null),
                namespace("acme-dev")));

    assertThat(steps.stream().map(SyncOrderTest::names).toList())
        .containsExactly(
            List.of("Namespace acme-dev"),
            List.of("Role acme-dev/dev"),
            List.of("Service acme-dev/cart", "Service acme-dev/shop"),
            // kinds the ladder does not name share its last rung
            List.of("Task acme-ci/build", "Pipeline acme-ci/shop"),
            List.of("SecretStore acme-dev/tenant"),
            List.of("ExternalSecret acme-dev/cache", "ExternalSecret acme-dev/db"));
    assertThat(steps.stream().flatMap(List::stream).toList())
        .isEqualTo(SyncOrder.sort(steps.stream().flatMap(List::stream).toList()));
  }

  @Test
  void withinAWaveArgoCdsKindOrderThenNamesAndUnlistedKindsLast() {
    List<GenericKubernetesResource> ordered =
        SyncOrder.sort(
            List.of(
                object(
                    "admissionregistration.k8s.io/v1",
                    "ValidatingAdmissionPolicy",
                    null,
                    "a-policy",
                    null),
                object("gateway.networking.k8s.io/v1", "HTTPRoute", "acme-dev", "shop", null),
                object("rbac.authorization.k8s.io/v1", "RoleBinding", "acme-dev", "dev", null),
                object("rbac.authorization.k8s.io/v1", "Role", "acme-dev", "dev", null),
                object("v1", "ServiceAccount", "acme-dev", "ci", null),
                object("v1", "LimitRange", "acme-dev", "limits", null),
                object("v1", "ResourceQuota", "acme-dev", "quota", null),
                object("networking.k8s.io/v1", "NetworkPolicy", "acme-dev", "deny", null),
                namespace("acme-dev")));

    assertThat(names(ordered))
        .containsExactly(
            "Namespace acme-dev",
            "NetworkPolicy acme-dev/deny",
            "ResourceQuota acme-dev/quota",
            "LimitRange acme-dev/limits",
            "ServiceAccount acme-dev/ci",
            "Role acme-dev/dev",
            "RoleBinding acme-dev/dev",
            // neither kind is in Argo CD's list: last in the wave, by name
            "ValidatingAdmissionPolicy a-policy",
            "HTTPRoute acme-dev/shop");
  }

  @Test
  void aNamespaceMovesUpToTheWaveOfItsFirstObject() {
    List<GenericKubernetesResource> ordered =
        SyncOrder.sort(
            List.of(
                object("v1", "ConfigMap", "openbao", "init", -20),
                object("v1", "ConfigMap", "elsewhere", "late", 5),
                namespace("openbao"),
                namespace("elsewhere")));

    assertThat(names(ordered))
        .containsExactly(
            "Namespace openbao",
            "ConfigMap openbao/init",
            "Namespace elsewhere",
            "ConfigMap elsewhere/late");
  }

  @Test
  void aCrdMovesUpToTheWaveOfItsFirstResource() {
    GenericKubernetesResource crd =
        object(
            "apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com", 3);
    crd.setAdditionalProperty(
        "spec",
        Map.of("group", "example.com", "names", Map.of("kind", "Widget", "plural", "widgets")));
    List<GenericKubernetesResource> ordered =
        SyncOrder.sort(
            List.of(
                object("example.com/v1", "Widget", "shop", "w", -2),
                object("v1", "ConfigMap", "shop", "c", -2),
                crd));

    assertThat(names(ordered))
        .containsExactly(
            "ConfigMap shop/c", "CustomResourceDefinition widgets.example.com", "Widget shop/w");
  }

  @Test
  void theOrderDoesNotDependOnTheOrderGiven() {
    List<GenericKubernetesResource> objects =
        new ArrayList<>(
            List.of(
                namespace("a"), namespace("b"),
                object("v1", "ConfigMap", "a", "same", null),
                    object("v1", "ConfigMap", "b", "same", null),
                object("v1", "Service", "a", "svc", 1), object("v1", "Secret", "b", "s", -1)));
    List<String> first = names(SyncOrder.sort(objects));
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(objects, random);
      assertThat(names(SyncOrder.sort(objects))).isEqualTo(first);
    }
  }

  @Test
  void anUnreadableWaveNamesTheObject() {
    GenericKubernetesResource bad = object("v1", "ConfigMap", "a", "x", null);
    bad.getMetadata().getAnnotations().put(SyncOrder.WAVE_ANNOTATION, "early");

    assertThatThrownBy(() -> SyncOrder.sort(List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ConfigMap a/x")
        .hasMessageContaining("'early', expected an integer");
  }

  static List<String> names(List<GenericKubernetesResource> objects) {
    return objects.stream().map(o -> FakeCluster.name(ObjectKey.of(o))).toList();
  }
}
