package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import dev.bulwark.testkit.cluster.HelmChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The upstream charts of the catalogue in the shared folder ({@code charts/CHARTS.tsv} maps a
 * component to its chart folder), and what a real {@code helm template} makes of them. Each chart
 * is templated once per distinct set of values in a test JVM.
 */
final class UpstreamCharts {

  static final String KUBE_VERSION = "1.37.2";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

  private UpstreamCharts() {}

  /** What {@code helm template} printed: the objects, or helm's error. */
  record Template(List<JsonNode> objects, String error) {
    boolean ok() {
      return error == null;
    }
  }

  /** The charts folder; fails when CI=true and it is missing, and skips loudly otherwise. */
  static Path root() {
    Optional<Path> charts = SharedData.resolve("charts/CHARTS.tsv").map(Path::getParent);
    require(
        charts.isPresent(), "the upstream charts (../shared/charts with CHARTS.tsv) are absent");
    return charts.get();
  }

  /** The helm binary; fails when CI=true and there is none, and skips loudly otherwise. */
  static Path helm() {
    Optional<Path> helm = HelmChart.helm();
    require(
        helm.isPresent(),
        "no helm binary; install one with tools/install-helm.sh or set BULWARK_HELM");
    return helm.get();
  }

  static void require(boolean present, String missing) {
    Needed.require(present, missing + " — the upstream chart tests did not run");
  }

  /** Component id to the folder of the chart version the shared folder holds. */
  static Map<String, Path> chartDirs() {
    Path root = root();
    Map<String, Path> dirs = new HashMap<>();
    try {
      List<String> lines = Files.readAllLines(root.resolve("CHARTS.tsv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t");
        dirs.put(cells[0], root.resolve(cells[1]).resolve(cells[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dirs;
  }

  /** Whether the folder is a Helm chart (Tekton and Keycloak ship plain manifests). */
  static boolean isChart(Path dir) {
    return Files.exists(dir.resolve("Chart.yaml"));
  }

  static JsonNode readYaml(Path file) {
    try {
      JsonNode node = YAML.readTree(file.toFile());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code helm template} of the chart with these values, once per chart, release and values. */
  static Template template(Path chart, String release, String namespace, JsonNode values) {
    String key = chart + "|" + release + "|" + namespace + "|" + values;
    return TEMPLATES.computeIfAbsent(key, k -> run(chart, release, namespace, values));
  }

  private static Template run(Path chart, String release, String namespace, JsonNode values) {
    try {
      Path valuesFile = Files.createTempFile("bulwark-values-", ".json");
      try {
        Files.writeString(valuesFile, JSON.writeValueAsString(values));
        Process process =
            new ProcessBuilder(
                    helm().toString(),
                    "template",
                    release,
                    chart.toString(),
                    "--namespace",
                    namespace,
                    "--kube-version",
                    KUBE_VERSION,
                    "--include-crds",
                    "--values",
                    valuesFile.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Template(List.of(), "helm template timed out");
        }
        return process.exitValue() != 0
            ? new Template(List.of(), output.strip())
            : new Template(HelmChart.objects(output), null);
      } finally {
        Files.deleteIfExists(valuesFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every object of the plain manifests in a folder (Tekton's config/, Keycloak's kubernetes/). */
  static List<JsonNode> manifests(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      List<JsonNode> objects = new ArrayList<>();
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        objects.addAll(HelmChart.objects(Files.readString(file)));
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
