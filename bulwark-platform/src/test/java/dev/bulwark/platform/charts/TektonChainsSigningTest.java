package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tekton Chains, as the kustomization Bulwark writes builds its release, signs provenance: its
 * chains-config names a signer and an in-toto format for TaskRuns and PipelineRuns, and the Secret
 * that signer reads comes from OpenBao (the release only ships it empty).
 */
class TektonChainsSigningTest {

  static Stream<Release> chains() {
    return PlatformReleases.all().stream().filter(r -> r.component().equals("tekton-chains"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chains")
  void chainsSignsInTotoProvenanceWithAKeyFromOpenBao(Release release) {
    List<JsonNode> output = ChartOutput.objects(release);
    JsonNode config =
        output.stream()
            .filter(
                o ->
                    o.path("kind").asText().equals("ConfigMap")
                        && o.at("/metadata/name").asText().equals("chains-config"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Chains release has no chains-config"))
            .path("data");
    for (String run : List.of("taskrun", "pipelinerun")) {
      assertThat(config.path("artifacts." + run + ".format").asText())
          .as("%s provenance format", run)
          .isEqualTo("in-toto");
      assertThat(config.path("artifacts." + run + ".signer").asText())
          .as("%s signer", run)
          .isEqualTo("x509");
    }
    assertThat(output)
        .as("the release's own, empty signing Secret")
        .noneMatch(
            o ->
                o.path("kind").asText().equals("Secret")
                    && o.at("/metadata/name").asText().equals("signing-secrets"));
    JsonNode signing =
        PlatformReleases.objects(release.profile(), "ExternalSecret").stream()
            .filter(
                e ->
                    e.at("/metadata/namespace").asText().equals(release.namespace())
                        && e.at("/spec/target/name").asText().equals("signing-secrets"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "nothing renders Chains' signing-secrets in " + release.namespace()));
    List<String> keys = new ArrayList<>();
    signing.at("/spec/data").forEach(d -> keys.add(d.path("secretKey").asText()));
    // What the x509 signer reads: cosign generate-key-pair's files.
    assertThat(keys).containsExactlyInAnyOrder("cosign.key", "cosign.password", "cosign.pub");
  }
}
