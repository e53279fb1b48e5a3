package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.catalog.Image;
import dev.bulwark.catalog.charts.ChartImages;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's list of the images inside each pinned chart ({@code chart-images.yaml}, which
 * {@code bulwark mirror list} and {@code export} add to the catalogue's own pins) is what real helm
 * templates from the charts with Bulwark's values in every profile. Run with {@code
 * -Dchartimages.update=true} to rewrite it after a chart or its values change.
 */
class ChartImagesTest {

  private static final Path FILE =
      Path.of("bulwark-catalog/src/main/resources" + ChartImages.RESOURCE);

  @Test
  void theCataloguesListIsWhatTheChartsTemplate() throws IOException {
    Map<String, Set<String>> templated = new TreeMap<>();
    for (String profile : PlatformReleases.PROFILES) {
      for (Release release : PlatformReleases.releases(profile)) {
        if (!UpstreamCharts.isChart(release.chartDir())) {
          continue;
        }
        Set<String> images = templated.computeIfAbsent(release.component(), c -> new TreeSet<>());
        for (JsonNode object : ChartOutput.objects(release)) {
          object.findValuesAsText("image").stream().filter(i -> !i.isBlank()).forEach(images::add);
        }
      }
    }
    String expected = yaml(templated);
    Path file = SharedData.repoDir().resolve(FILE);
    if (Boolean.getBoolean("chartimages.update")) {
      Files.writeString(file, expected);
    }
    assertThat(Files.readString(file))
        .as("%s is out of date: run this test with -Dchartimages.update=true", FILE)
        .isEqualTo(expected);
    Map<String, List<Image>> read = ChartImages.standard();
    assertThat(read.keySet()).containsExactlyElementsOf(templated.keySet());
    read.forEach(
        (component, images) ->
            assertThat(images)
                .extracting(Image::reference)
                .as("references of %s read back as written", component)
                .containsExactlyElementsOf(
                    templated.get(component).stream()
                        .map(r -> ChartImages.image(r).reference())
                        .toList()));
  }

  private static String yaml(Map<String, Set<String>> images) {
    StringBuilder text =
        new StringBuilder(
            "# The images inside each pinned chart, templated by real helm with the values Bulwark\n"
                + "# renders in every profile. Generated: ChartImagesTest (bulwark-platform),\n"
                + "# -Dchartimages.update=true. Do not edit.\n");
    images.forEach(
        (component, references) -> {
          text.append(component).append(":\n");
          references.forEach(r -> text.append("  - \"").append(r).append("\"\n"));
        });
    return text.toString();
  }
}
