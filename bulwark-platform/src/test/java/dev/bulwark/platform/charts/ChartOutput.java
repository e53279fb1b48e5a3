package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.util.List;

/** What a component puts on the cluster: its chart templated with Bulwark's values, or its plain manifests. */
final class ChartOutput {

  private ChartOutput() {}

  static UpstreamCharts.Template of(Release release) {
    if (!UpstreamCharts.isChart(release.chartDir())) {
      return new UpstreamCharts.Template(UpstreamCharts.manifests(release.chartDir()), null);
    }
    return UpstreamCharts.template(release.chartDir(), release.releaseName(), release.namespace(), release.values());
  }

  /** The objects, failing with helm's message when the chart does not template. */
  static List<JsonNode> objects(Release release) {
    UpstreamCharts.Template template = of(release);
    if (!template.ok()) {
      throw new AssertionError("helm template " + release.chartDir() + " failed for " + release + ":\n" + template.error());
    }
    return template.objects();
  }
}
