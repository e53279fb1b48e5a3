package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The unknown-key check itself, against real charts: what it must catch and what it must let
 * through.
 */
class ValuesKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aKeyTheChartDoesNotHaveIsUnknown() throws Exception {
    // Gatekeeper reads its exemptions under controllerManager; at the top level they did nothing.
    assertThat(unknown("gatekeeper", "{\"exemptNamespaces\": [\"kube-system\"], \"replicas\": 3}"))
        .containsExactly("exemptNamespaces");
    assertThat(
            unknown(
                "gatekeeper", "{\"controllerManager\": {\"exemptNamespaces\": [\"kube-system\"]}}"))
        .isEmpty();
    assertThat(unknown("gatekeeper", "{\"controllerManager\": {\"exemptNamespace\": []}}"))
        .containsExactly("controllerManager.exemptNamespace");
  }

  @Test
  void subchartKeysAreKnownUnderTheirAlias() throws Exception {
    assertThat(
            unknown(
                "kube-prometheus-stack",
                "{\"grafana\": {\"adminUser\": \"x\", \"sidecar\": {\"datasources\": {\"enabled\": true}}}}"))
        .isEmpty();
    assertThat(unknown("kube-prometheus-stack", "{\"grafana\": {\"adminUsr\": \"x\"}}"))
        .containsExactly("grafana.adminUsr");
  }

  @Test
  void aKeyOnlyTheTemplatesReadIsKnown() throws Exception {
    // values.yaml only mentions server.readinessProbe.path in a comment; the StatefulSet reads it.
    assertThat(
            unknown(
                "openbao", "{\"server\": {\"readinessProbe\": {\"path\": \"/v1/sys/health\"}}}"))
        .isEmpty();
    assertThat(
            unknown("openbao", "{\"server\": {\"readinessProbe\": {\"pth\": \"/v1/sys/health\"}}}"))
        .containsExactly("server.readinessProbe.pth");
  }

  @Test
  void belowAnEmptyDefaultMapAnyKeyGoesButAMapCannotReplaceAScalar() throws Exception {
    assertThat(unknown("gatekeeper", "{\"podAnnotations\": {\"example.com/anything\": \"x\"}}"))
        .isEmpty();
    assertThat(unknown("gatekeeper", "{\"replicas\": {\"count\": 3}}"))
        .containsExactly("replicas (a map where the chart has number)");
  }

  @Test
  void freeFormMapsAreFewAndGiveAReason() {
    ValuesKeys.FREE_FORM.forEach(
        (component, paths) ->
            paths.forEach(
                (path, reason) ->
                    assertThat(reason)
                        .as("reason for %s %s", component, path)
                        .hasSizeGreaterThan(20)));
    assertThat(ValuesKeys.FREE_FORM.values().stream().mapToInt(java.util.Map::size).sum())
        .isLessThanOrEqualTo(8);
  }

  private static java.util.List<String> unknown(String component, String values) throws Exception {
    Path chart = UpstreamCharts.chartDirs().get(component);
    JsonNode parsed = JSON.readTree(values);
    return ValuesKeys.unknown(component, chart, parsed);
  }
}
