package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each component's values, as Bulwark renders them for each profile, given to the real upstream
 * chart: helm must template it (and accept the values under the chart's values.schema.json), and
 * every key Bulwark sets must be one the chart has, so that a typo fails here rather than being
 * silently ignored on a cluster.
 */
class ChartValuesTest {

  static Stream<Release> charts() {
    return PlatformReleases.all().stream().filter(r -> UpstreamCharts.isChart(r.chartDir()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void helmTemplatesTheChartWithBulwarksValues(Release release) {
    UpstreamCharts.Template template = ChartOutput.of(release);
    assertThat(template.error())
        .as("helm template %s with Bulwark's values for %s", release.chartDir(), release)
        .isNull();
    assertThat(template.objects()).as("objects of %s", release).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void everyValuesKeyExistsInTheChart(Release release) {
    List<String> unknown =
        ValuesKeys.unknown(release.component(), release.chartDir(), release.values());
    assertThat(unknown)
        .as(
            "values keys of %s that %s/values.yaml (and its subcharts) does not have",
            release, release.chartDir().getFileName())
        .isEmpty();
  }
}
