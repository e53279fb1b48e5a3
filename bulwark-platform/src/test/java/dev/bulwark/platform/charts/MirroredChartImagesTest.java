package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.MirrorSpec;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.testkit.schema.Schemas;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The images inside the upstream charts (ADR 0033): each pinned chart of two profiles with a mirror
 * set, templated by real helm with the values Bulwark sets, and every image its Pods (and pod
 * templates) name: each comes from the mirror (ADR 0033's per-chart table says which values move it
 * there).
 */
class MirroredChartImagesTest {

  private static final String MIRROR = "mirror.corp.internal:5000";
  private static final String SITE_DNS =
      "    dns:\n      enabled: true\n      settings: {provider: rfc2136, nameserver: 10.0.0.53,"
          + " tsigKeyName: bulwark}\n";

  /**
   * The releases of examples/acme in the full profile, with DNS records in a site's own name server
   * (RFC 2136), and of the air-gapped test profile (which picks ingress-nginx, Loki and Kyverno),
   * each with the mirror set.
   */
  private static List<Release> releases() {
    List<Release> releases = new java.util.ArrayList<>();
    for (String profile : List.of("full", "airgapped")) {
      BulwarkSpec spec =
          profile.equals("full")
              ? PlatformReleases.acmeSpec(
                  text ->
                      text.replaceFirst("(?m)^  profile: standard$", "  profile: full")
                          .replaceFirst("(?m)^  components:\n", "  components:\n" + SITE_DNS))
              : PlatformReleases.spec(profile);
      MirrorSpec mirror = new MirrorSpec();
      mirror.setRegistry(MIRROR);
      mirror.setCharts("https://" + MIRROR + "/charts");
      spec.platform().getSpec().setMirror(mirror);
      DesiredState state = Renderer.standard().render(spec);
      List<JsonNode> applications =
          state.objects().stream()
              .filter(o -> o.object().getKind().equals("Application"))
              .map(o -> Schemas.toJson(o.object()))
              .toList();
      releases.addAll(PlatformReleases.releases(profile + "-mirrored", applications));
    }
    return releases;
  }

  @Test
  void everyChartImageComesFromTheMirror() {
    Map<String, Set<String>> publicImages = new TreeMap<>();
    for (Release release : releases()) {
      if (!UpstreamCharts.isChart(release.chartDir())) {
        continue;
      }
      for (JsonNode object : ChartOutput.objects(release)) {
        for (String image : object.findValuesAsText("image")) {
          if (!image.isBlank() && !image.startsWith(MIRROR + "/")) {
            publicImages.computeIfAbsent(release.component(), c -> new TreeSet<>()).add(image);
          }
        }
      }
    }
    assertThat(publicImages.keySet())
        .as("charts with images outside the mirror: %s", publicImages)
        .isEmpty();
  }

  @Test
  void everyMirrorValueIsAKeyOfItsChart() {
    // the images test cannot see values that name no Pod's image (ECK's containerRegistry, the
    // OpenTelemetry operator's collector image), so check the keys themselves
    List<String> unknown = new java.util.ArrayList<>();
    for (Release release : releases()) {
      if (UpstreamCharts.isChart(release.chartDir())) {
        ValuesKeys.unknown(release.component(), release.chartDir(), release.values())
            .forEach(key -> unknown.add(release + ": " + key));
      }
    }
    assertThat(unknown).isEmpty();
  }
}
