package dev.bulwark.platform.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the values keys Bulwark sets that a chart does not have. A key exists when the chart's
 * defaults ({@link ChartDefaults}) hold it, or when the chart's templates read it by its full path
 * ({@code .Values.server.readinessProbe.path}: a key values.yaml only documents in a comment).
 * Below a default that is an empty map or null, the chart leaves the keys to the user (it renders
 * the map with toYaml), so anything goes there. A map whose defaults are not empty but that the
 * chart still passes through as free-form must be listed in {@link #FREE_FORM}; a security context
 * is one by its name ({@link #SECURITY_CONTEXT}).
 */
final class ValuesKeys {

  /**
   * Component, then the dotted path of a map whose keys the chart passes through, with the reason.
   * Keep it small: every entry hides typos below it.
   */
  static final Map<String, Map<String, String>> FREE_FORM =
      Map.of(
          "argo-cd",
              Map.of(
                  "configs.cm",
                      "the data of argocd-cm: any Argo CD setting (the chart writes the map into the ConfigMap)",
                  "configs.params",
                      "the data of argocd-cmd-params-cm: any component flag (the chart writes the map into the ConfigMap)"),
          "kube-prometheus-stack",
              Map.of(
                  "grafana.grafana.ini",
                  "grafana.ini's sections and keys: the Grafana chart converts the map to the ini file"),
          "loki",
              Map.of(
                  "loki.limits_config",
                  "Loki's limits_config block, copied as is into Loki's configuration file"),
          "envoy-gateway",
              Map.of(
                  "config.envoyGateway",
                  "the EnvoyGateway configuration (its API's fields), merged into the controller's config file"));

  /**
   * A map under a key named like this is a Kubernetes (Pod)SecurityContext that the chart writes
   * into its pod template with toYaml, whatever keys its defaults show: its keys are Kubernetes'
   * (checked where the chart's output is checked against Kubernetes' schema), not the chart's.
   */
  private static final String SECURITY_CONTEXT = "securitycontext";

  private static final Map<Path, String> TEMPLATES = new ConcurrentHashMap<>();

  private ValuesKeys() {}

  /** The dotted paths of the keys in {@code values} that the chart does not know. */
  static List<String> unknown(String component, Path chart, JsonNode values) {
    List<String> unknown = new ArrayList<>();
    walk(component, chart, "", values, ChartDefaults.of(chart), unknown);
    return unknown;
  }

  private static void walk(
      String component,
      Path chart,
      String path,
      JsonNode values,
      JsonNode defaults,
      List<String> unknown) {
    if (FREE_FORM.getOrDefault(component, Map.of()).containsKey(path)) {
      return;
    }
    values
        .properties()
        .forEach(
            e -> {
              String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
              JsonNode known = defaults.get(e.getKey());
              if (known == null) {
                if (!readByTemplates(chart, child)) {
                  unknown.add(child);
                }
              } else if (e.getKey().toLowerCase(java.util.Locale.ROOT).endsWith(SECURITY_CONTEXT)) {
                return;
              } else if (e.getValue().isObject() && known.isObject() && !known.isEmpty()) {
                walk(component, chart, child, e.getValue(), known, unknown);
              } else if (e.getValue().isObject() && !known.isObject() && !known.isNull()) {
                unknown.add(
                    child
                        + " (a map where the chart has "
                        + known.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
              }
            });
  }

  /**
   * Whether a template of the chart (or of the subchart the path's first key names) reads the path.
   */
  private static boolean readByTemplates(Path chart, String path) {
    String text = TEMPLATES.computeIfAbsent(chart, ValuesKeys::templates);
    if (reads(text, path)) {
      return true;
    }
    int dot = path.indexOf('.');
    return dot > 0
        && ChartDefaults.subchartKeys(chart).contains(path.substring(0, dot))
        && reads(text, path.substring(dot + 1));
  }

  /** {@code .Values.a.b} as a whole key: not a prefix of {@code .Values.a.bc}. */
  private static boolean reads(String templates, String path) {
    return java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(".Values." + path) + "(?![A-Za-z0-9_])")
        .matcher(templates)
        .find();
  }

  /** Every template of the chart and its subcharts, as one text. */
  private static String templates(Path chart) {
    try (Stream<Path> files = Files.walk(chart)) {
      return files
          .filter(f -> f.toString().contains("/templates/") && Files.isRegularFile(f))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
