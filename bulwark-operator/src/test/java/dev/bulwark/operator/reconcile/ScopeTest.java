package dev.bulwark.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which owner applies a rendered object, and which controller's informers see it. */
class ScopeTest {

  private final DesiredObject platformObject =
      desired("gitops", BulwarkLabels.PLATFORM_TENANT, null, "argo-cd");
  private final DesiredObject bootstrapObject =
      desired(Scope.BOOTSTRAP, BulwarkLabels.PLATFORM_TENANT, null, "bootstrap");
  private final DesiredObject tenantObject = desired("tenancy", "acme", null, "quota");
  private final DesiredObject appObject = desired("routing", "acme", "shop", "shop");

  @Test
  void thePlatformHoldsPlatformObjectsButNeverTheBootstrapOnes() {
    assertThat(Scope.PLATFORM.holds(platformObject, null, null)).isTrue();
    assertThat(Scope.PLATFORM.holds(bootstrapObject, null, null)).isFalse();
    assertThat(Scope.PLATFORM.holds(tenantObject, null, null)).isFalse();
    assertThat(Scope.PLATFORM.holds(appObject, null, null)).isFalse();
  }

  @Test
  void aTenantHoldsItsOwnObjectsThatBelongToNoApplication() {
    assertThat(Scope.TENANT.holds(tenantObject, "acme", null)).isTrue();
    assertThat(Scope.TENANT.holds(tenantObject, "other", null)).isFalse();
    assertThat(Scope.TENANT.holds(appObject, "acme", null)).isFalse();
    assertThat(Scope.TENANT.holds(platformObject, "acme", null)).isFalse();
  }

  @Test
  void anApplicationHoldsOnlyItsOwnObjects() {
    assertThat(Scope.APPLICATION.holds(appObject, "acme", "shop")).isTrue();
    assertThat(Scope.APPLICATION.holds(appObject, "acme", "cart")).isFalse();
    assertThat(Scope.APPLICATION.holds(appObject, "other", "shop")).isFalse();
    assertThat(Scope.APPLICATION.holds(tenantObject, "acme", "shop")).isFalse();
  }

  @Test
  void aKustomizationIsAFileOfTheTreeAndNoOnesObject() {
    GenericKubernetesResource kustomization = new GenericKubernetesResource();
    kustomization.setApiVersion("kustomize.config.k8s.io/v1beta1");
    kustomization.setKind("Kustomization");
    kustomization.setMetadata(
        new ObjectMetaBuilder().withName("platform").withLabels(labels("platform", null)).build());
    DesiredObject object =
        new DesiredObject("gitops", BulwarkLabels.PLATFORM_TENANT, null, kustomization);

    assertThat(Arrays.stream(Scope.values()).filter(s -> s.holds(object, "platform", null)))
        .isEmpty();
  }

  @Test
  void objectsOfPicksTheScopesObjectsOfTheRendering() {
    DesiredObject second = desired("tenancy", "acme", null, "limits");
    DesiredState state = new DesiredState(List.of(platformObject, tenantObject, appObject, second));

    List<HasMetadata> objects = Scope.TENANT.objectsOf(state, "acme", null);

    // a rendering is ordered by key
    assertThat(objects)
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("limits", "quota");
  }

  @Test
  void everyManagedObjectIsSeenByTheInformersOfExactlyTheScopeThatHoldsIt() {
    assertThat(matching(platformObject)).containsExactly(Scope.PLATFORM);
    assertThat(matching(tenantObject)).containsExactly(Scope.TENANT);
    assertThat(matching(appObject)).containsExactly(Scope.APPLICATION);
    HasMetadata unmanaged =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("x")
            .withLabels(Map.of(BulwarkLabels.TENANT, "acme"))
            .endMetadata()
            .build();
    assertThat(
            Arrays.stream(Scope.values())
                .filter(s -> selects(s.selector(), unmanaged.getMetadata().getLabels())))
        .isEmpty();
  }

  private static List<Scope> matching(DesiredObject object) {
    return Arrays.stream(Scope.values())
        .filter(s -> selects(s.selector(), object.object().getMetadata().getLabels()))
        .toList();
  }

  /**
   * Kubernetes' equality- and set-based selector terms the scopes use: {@code k=v}, {@code k!=v},
   * {@code k}, {@code !k}.
   */
  private static boolean selects(String selector, Map<String, String> labels) {
    for (String term : selector.split(",")) {
      boolean holds;
      if (term.contains("!=")) {
        String[] kv = term.split("!=", 2);
        holds = !kv[1].equals(labels.get(kv[0])); // true when the label is absent, as in Kubernetes
      } else if (term.contains("=")) {
        String[] kv = term.split("=", 2);
        holds = kv[1].equals(labels.get(kv[0]));
      } else if (term.startsWith("!")) {
        holds = !labels.containsKey(term.substring(1));
      } else {
        holds = labels.containsKey(term);
      }
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** An object labelled as the renderer labels it. */
  private static DesiredObject desired(
      String capability, String tenant, String application, String name) {
    HasMetadata object =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("acme-dev")
            .withLabels(labels(tenant, application))
            .endMetadata()
            .build();
    return new DesiredObject(capability, tenant, null, object);
  }

  private static Map<String, String> labels(String tenant, String application) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE);
    labels.put(BulwarkLabels.TENANT, tenant);
    if (application != null) {
      labels.put(BulwarkLabels.APPLICATION, application);
    }
    return labels;
  }
}
