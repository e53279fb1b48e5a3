package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A chart's default values as helm sees them: its values.yaml, with each dependency's own defaults
 * under the dependency's alias (or name), overlaid by what the parent sets there.
 */
final class ChartDefaults {

  private static final Map<Path, JsonNode> CACHE = new ConcurrentHashMap<>();

  private ChartDefaults() {}

  static JsonNode of(Path chart) {
    // Not computeIfAbsent: reading a chart reads its subcharts through this cache.
    JsonNode cached = CACHE.get(chart);
    if (cached == null) {
      cached = read(chart);
      CACHE.putIfAbsent(chart, cached);
    }
    return cached;
  }

  private static JsonNode read(Path chart) {
    JsonNode values =
        Files.exists(chart.resolve("values.yaml"))
            ? UpstreamCharts.readYaml(chart.resolve("values.yaml"))
            : null;
    ObjectNode merged =
        values instanceof ObjectNode o
            ? o.deepCopy()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (JsonNode dependency :
        UpstreamCharts.readYaml(chart.resolve("Chart.yaml")).path("dependencies")) {
      String name = dependency.path("name").asText();
      String key = dependency.path("alias").asText(name);
      Path sub = subchart(chart, name);
      if (sub == null) {
        continue;
      }
      ObjectNode own = ((ObjectNode) of(sub)).deepCopy();
      JsonNode parentSets = merged.path(key);
      if (parentSets.isObject()) {
        overlay(own, (ObjectNode) parentSets);
      }
      merged.set(key, own);
    }
    return merged;
  }

  /** The unpacked dependency of that name under the chart's charts/ folder. */
  private static Path subchart(Path chart, String name) {
    Path charts = chart.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(charts)) {
      return dirs.filter(d -> Files.exists(d.resolve("Chart.yaml")))
          .filter(
              d ->
                  UpstreamCharts.readYaml(d.resolve("Chart.yaml"))
                      .path("name")
                      .asText()
                      .equals(name))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys under which the chart's dependencies take their values (alias, or name). */
  static java.util.Set<String> subchartKeys(Path chart) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    UpstreamCharts.readYaml(chart.resolve("Chart.yaml"))
        .path("dependencies")
        .forEach(d -> keys.add(d.path("alias").asText(d.path("name").asText())));
    return keys;
  }

  private static void overlay(ObjectNode base, ObjectNode top) {
    top.properties()
        .forEach(
            e -> {
              if (e.getValue().isObject() && base.path(e.getKey()).isObject()) {
                overlay((ObjectNode) base.get(e.getKey()), (ObjectNode) e.getValue());
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
  }
}
