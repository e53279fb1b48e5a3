package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.catalog.Catalogue;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.testkit.Needed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fresh install converges: every object of the tree is in a strictly later sync wave than
 * everything it needs (see {@link WaveGraph} for what counts as a need and how the tree is split
 * into Argo CD Applications). The root Application waits for each wave to be healthy, so one
 * dependency in the same or a later wave stalls the install for good.
 */
class SyncWaveOrderTest {

  static Stream<String> trees() {
    return Stream.concat(Profiles.ALL.stream(), Stream.of("acme"));
  }

  private static DesiredState state(String tree) {
    if (!tree.equals("acme")) {
      return Profiles.state(tree);
    }
    Path acme = SharedData.repoDir().resolve("examples/acme");
    Needed.require(
        Files.isDirectory(acme), "examples/acme at " + acme + " (run from a full checkout)");
    return Renderer.standard().render(TestSpecs.directory(acme));
  }

  @ParameterizedTest
  @MethodSource("trees")
  void everyDependencyIsInAnEarlierWave(String tree) {
    WaveGraph graph = WaveGraph.of(state(tree), Catalogue.standard());
    List<WaveGraph.Edge> violations = graph.violations();
    assertThat(violations)
        .as(
            "%s: objects in the same or an earlier wave than what they need:%n%s",
            tree, violations.stream().map(Object::toString).collect(Collectors.joining("\n")))
        .isEmpty();
  }

  /** The graph is not vacuous: it sees the references that deadlocked the first design. */
  @Test
  void graphSeesTheCredentialsOfChartsAndCustomResources() {
    WaveGraph graph = WaveGraph.of(Profiles.state("full"), Catalogue.standard());
    List<String> edges = graph.edges().stream().map(Object::toString).toList();
    assertThat(edges)
        .anyMatch(
            e -> e.startsWith("Application argocd/harbor ") && e.contains("needs ExternalSecret"));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("Application argocd/kube-prometheus-stack ")
                    && e.contains("needs ExternalSecret"));
    assertThat(edges)
        .anyMatch(e -> e.startsWith("Elasticsearch ") && e.contains("needs ExternalSecret"));
    assertThat(edges)
        .anyMatch(e -> e.startsWith("ExternalSecret ") && e.contains("needs ClusterSecretStore"));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("ClusterSecretStore ")
                    && e.contains("needs Application argocd/openbao "));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("ClusterSecretStore ")
                    && e.contains("needs Application argocd/external-secrets "));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("ClusterSecretStore ")
                    && e.contains("needs Job ")
                    && e.contains("logs in with role"));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("Job ")
                    && e.contains("bulwark-harbor-config")
                    && e.contains("needs Application argocd/harbor "));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("Application argocd/argo-cd ")
                    && e.contains("reads Secret argocd/oidc-argo-cd"));
    assertThat(edges)
        .anyMatch(
            e -> e.startsWith("Keycloak ") && e.contains("needs Cluster keycloak/keycloak-db "));
    assertThat(edges).anyMatch(e -> e.startsWith("Gateway ") && e.contains("needs Certificate "));
    assertThat(edges)
        .anyMatch(
            e ->
                e.startsWith("HTTPRoute ")
                    && e.contains("needs Application argocd/envoy-gateway "));
    assertThat(graph.lazyEdges()).isNotEmpty();
    // Supplied by administrators, never rendered: recorded, so a rendered producer would be
    // ordered.
    assertThat(graph.externalSecrets()).contains("openbao/openbao-unseal-key");
  }
}
