package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compatibility ingress-nginx serves everything Envoy Gateway serves: the full profile with
 * {@code gateway.implementation: ingress-nginx} has an Ingress for every host and no HTTPRoute, its
 * controller runs where tenant network policies admit traffic from, and the spec loads with a
 * warning that it is retired.
 */
class IngressNginxTest {

  private static LoadResult loaded;
  private static DesiredState state;

  @BeforeAll
  static void render() throws IOException {
    String full;
    try (InputStream in = IngressNginxTest.class.getResourceAsStream("/profiles/full.yaml")) {
      full = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String nginx =
        full.replace(
            "  components:\n",
            "  components:\n    gateway:\n      implementation: ingress-nginx\n");
    assertThat(nginx).isNotEqualTo(full);
    loaded = SpecLoader.loadStrings(Map.of("full.yaml", nginx));
    assertThat(loaded.errors()).as(loaded.ok() ? "" : loaded.report()).isEmpty();
    state = Renderer.standard().render(loaded.spec());
  }

  @Test
  void theRetirementIsAWarningAtTheFieldThatChoseIt() {
    assertThat(loaded.warnings())
        .singleElement()
        .satisfies(
            (SpecError w) -> {
              assertThat(w.fieldPath()).isEqualTo("spec.components.gateway.implementation");
              assertThat(w.message()).startsWith("ingress-nginx: ").contains("retired");
              assertThat(w.source()).isEqualTo("full.yaml");
              assertThat(w.line()).as("the implementation key").isEqualTo(12);
            });
  }

  @Test
  void everyHostHasAnIngressAndNothingAttachesToAGateway() {
    assertThat(state.objects())
        .noneMatch(o -> o.key().kind().equals("HTTPRoute") || o.key().kind().equals("Gateway"));
    Set<String> ingressHosts =
        ingresses().stream()
            .flatMap(i -> i.getSpec().getRules().stream().map(r -> r.getHost()))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> appHosts =
        loaded.spec().applications().stream()
            .flatMap(a -> a.getSpec().getHosts().stream().map(HostSpec::getHost))
            .collect(Collectors.toSet());
    assertThat(ingressHosts)
        .containsAll(appHosts)
        .contains("grafana.full.example.com", "argocd.full.example.com");
    for (Ingress ingress : ingresses()) {
      assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
      assertThat(ingress.getSpec().getTls())
          .singleElement()
          .satisfies(
              tls ->
                  assertThat(tls.getHosts())
                      .containsExactlyElementsOf(
                          ingress.getSpec().getRules().stream().map(r -> r.getHost()).toList()));
      assertThat(ingress.getMetadata().getAnnotations())
          .containsEntry("cert-manager.io/cluster-issuer", "bulwark");
    }
    long perHost =
        state.objects().stream()
            .filter(o -> o.object() instanceof Ingress)
            .map(
                o ->
                    o.object().getMetadata().getNamespace()
                        + "/"
                        + ((Ingress) o.object()).getSpec().getRules().get(0).getHost())
            .distinct()
            .count();
    assertThat(perHost).as("one Ingress per host, never two").isEqualTo(ingresses().size());
  }

  @Test
  void theControllerRunsInTheNamespaceTenantPoliciesAdmit() {
    String gatewayNamespace = "bulwark-gateway";
    GenericKubernetesResource app =
        (GenericKubernetesResource)
            state.objects().stream()
                .filter(
                    o ->
                        o.key().kind().equals("Application")
                            && o.key().name().equals("ingress-nginx"))
                .findFirst()
                .orElseThrow()
                .object();
    assertThat(
            ((Map<?, ?>) ((Map<?, ?>) app.getAdditionalProperties().get("spec")).get("destination"))
                .get("namespace"))
        .isEqualTo(gatewayNamespace);
    List<NetworkPolicy> fromGateway =
        state.objects().stream()
            .map(DesiredObject::object)
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .filter(p -> p.getMetadata().getName().equals("bulwark-allow-from-gateway"))
            .toList();
    assertThat(fromGateway)
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(
                        p.getSpec()
                            .getIngress()
                            .get(0)
                            .getFrom()
                            .get(0)
                            .getNamespaceSelector()
                            .getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", gatewayNamespace));
    assertThat(state.objects())
        .filteredOn(
            o -> o.key().kind().equals("Namespace") && o.key().name().equals(gatewayNamespace))
        .hasSize(1);
  }

  @Test
  void externalDnsWatchesIngresses() {
    GenericKubernetesResource app =
        (GenericKubernetesResource)
            state.objects().stream()
                .filter(
                    o ->
                        o.key().kind().equals("Application")
                            && o.key().name().equals("external-dns"))
                .findFirst()
                .orElseThrow()
                .object();
    assertThat(app.toString()).contains("sources=[ingress]");
  }

  @Test
  void everyObjectConformsToItsSchema() {
    List<String> failures =
        state.objects().stream()
            .filter(o -> !SchemaConformanceTest.withoutSchema(o))
            .flatMap(o -> SchemaConformanceTest.errors(o).stream().map(e -> o.key() + ": " + e))
            .toList();
    assertThat(failures).isEmpty();
  }

  private static List<Ingress> ingresses() {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(Ingress.class::isInstance)
        .map(Ingress.class::cast)
        .toList();
  }
}
