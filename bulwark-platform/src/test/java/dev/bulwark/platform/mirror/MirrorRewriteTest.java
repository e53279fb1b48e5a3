package dev.bulwark.platform.mirror;

import static dev.bulwark.platform.TestSpecs.application;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.ComponentsSpec;
import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.catalog.Catalogue;
import dev.bulwark.catalog.Image;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.platform.stack.Mirror;
import dev.bulwark.platform.stack.MirrorException;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a mirror changes in the rendered platform: chart sources, images, Trivy's databases. */
class MirrorRewriteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static BulwarkSpec fullWithMirror(String registry, String charts) {
    BulwarkSpec spec = TestSpecs.profile("full");
    MirrorSpec mirror = new MirrorSpec();
    mirror.setRegistry(registry);
    mirror.setCharts(charts);
    spec.platform().getSpec().setMirror(mirror);
    return spec;
  }

  @Test
  void imagesKeepTheirPathTagAndDigestBelowTheMirror() {
    Mirror mirror = new Mirror("mirror.corp:5000/platform", "oci://mirror.corp:5000/charts");
    assertThat(mirror.repository("quay.io/jetstack/cert-manager-controller"))
        .isEqualTo("mirror.corp:5000/platform/jetstack/cert-manager-controller");
    assertThat(mirror.repository("otel/opentelemetry-collector-contrib"))
        .isEqualTo("mirror.corp:5000/platform/otel/opentelemetry-collector-contrib");
    assertThat(mirror.repository("busybox")).isEqualTo("mirror.corp:5000/platform/library/busybox");
    assertThat(mirror.repository("localhost:5000/x/y")).isEqualTo("mirror.corp:5000/platform/x/y");
    assertThat(
            mirror
                .image(
                    new Image("helm", "docker.io/alpine/helm", "3.19.0@sha256:" + "a".repeat(64)))
                .reference())
        .isEqualTo("mirror.corp:5000/platform/alpine/helm:3.19.0@sha256:" + "a".repeat(64));
    assertThat(mirror.host()).isEqualTo("mirror.corp:5000");
  }

  @Test
  void everyChartKeepsItsNameAndVersionFromTheMirrorsHttpRepository() {
    DesiredState state =
        Renderer.standard()
            .render(fullWithMirror("mirror.corp", "https://charts.mirror.corp/bulwark"));
    JsonNode source = application(state, "cert-manager").path("spec").path("source");
    String pinned = Catalogue.standard().component("cert-manager").orElseThrow().source().version();
    assertThat(source.path("repoURL").asText()).isEqualTo("https://charts.mirror.corp/bulwark");
    assertThat(source.path("chart").asText()).isEqualTo("cert-manager");
    assertThat(source.path("targetRevision").asText()).isEqualTo(pinned);
  }

  @Test
  void trivyReadsItsDatabasesAndImagesFromTheMirror() {
    DesiredState state =
        Renderer.standard()
            .render(fullWithMirror("mirror.corp:5000/m", "https://charts.mirror.corp"));
    JsonNode values = application(state, "trivy-operator").at("/spec/source/helm/valuesObject");
    assertThat(values.at("/trivy/dbRegistry").asText()).isEqualTo("mirror.corp:5000/m");
    assertThat(values.at("/trivy/dbRepository").asText()).isEqualTo("aquasec/trivy-db");
    assertThat(values.at("/trivy/javaDbRegistry").asText()).isEqualTo("mirror.corp:5000/m");
    assertThat(values.at("/global/image/registry").asText()).isEqualTo("mirror.corp:5000/m");
    assertThat(values.at("/policiesBundle/registry").asText()).isEqualTo("mirror.corp:5000/m");
  }

  @Test
  void anOciChartRepositoryServesNoReleaseManifestAndSaysSo() {
    BulwarkSpec spec = fullWithMirror("mirror.corp", "oci://mirror.corp/charts");
    assertThatThrownBy(() -> Renderer.standard().render(spec))
        .isInstanceOf(MirrorException.class)
        .hasMessageContaining("spec.mirror.charts")
        .hasMessageContaining("HTTP(S) URL that serves the folder bulwark mirror export writes");
  }

  @Test
  void withoutManifestComponentsAnOciChartRepositoryServesEveryChart() {
    BulwarkSpec spec = fullWithMirror("mirror.corp", "oci://mirror.corp/charts");
    ComponentsSpec components = spec.platform().getSpec().getComponents();
    components.setCi(off());
    components.setIdentity(off());
    DesiredState state = Renderer.standard().render(spec);
    JsonNode source = application(state, "argo-cd").path("spec").path("source");
    // Argo CD names an OCI chart repository without its scheme (ComponentApplication).
    assertThat(source.path("repoURL").asText()).isEqualTo("mirror.corp/charts");
    assertThat(
            state.objects().stream()
                .filter(o -> o.object().getKind().equals("Application"))
                .map(o -> (JsonNode) JSON.valueToTree(o.object()).at("/spec/source"))
                .filter(chartSource -> chartSource.has("chart"))
                .map(chartSource -> chartSource.path("repoURL").asText())
                .distinct()
                .toList())
        .isEqualTo(List.of("mirror.corp/charts"));
  }

  private static ComponentSpec off() {
    ComponentSpec off = new ComponentSpec();
    off.setEnabled(false);
    return off;
  }
}
