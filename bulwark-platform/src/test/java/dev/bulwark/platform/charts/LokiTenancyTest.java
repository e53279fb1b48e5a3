package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.platform.charts.PlatformReleases.Release;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Loki, as its chart configures it with Bulwark's values, requires a tenant on every request;
 * Grafana's Loki datasource must name the tenants Fluent Bit writes to, or every query is refused.
 */
class LokiTenancyTest {

  private static final String PROFILE = "airgapped";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void grafanaQueriesEveryTenantFluentBitWritesToLokiWithAuthEnabled() throws Exception {
    JsonNode config = lokiConfig();
    assertThat(config.path("auth_enabled").asBoolean(false)).as("Loki's auth_enabled").isTrue();
    assertThat(config.at("/limits_config/multi_tenant_queries_enabled").asBoolean(false))
        .as("Loki allows queries over several tenants")
        .isTrue();

    JsonNode loki =
        StreamSupport.stream(
                release("kube-prometheus-stack")
                    .values()
                    .at("/grafana/additionalDataSources")
                    .spliterator(),
                false)
            .filter(s -> s.path("type").asText().equals("loki"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Loki datasource"));
    assertThat(loki.at("/jsonData/httpHeaderName1").asText()).isEqualTo("X-Scope-OrgID");
    Set<String> asked =
        new TreeSet<>(
            Arrays.asList(loki.at("/secureJsonData/httpHeaderValue1").asText().split("\\|")));
    assertThat(asked).as("Loki tenants Grafana reads").isEqualTo(writtenScopes()).isNotEmpty();
  }

  /** The Loki tenants Fluent Bit writes: the scope each tenant's filter puts into its records. */
  private static Set<String> writtenScopes() {
    return PlatformReleases.objects(PROFILE, "ClusterFilter").stream()
        .flatMap(f -> StreamSupport.stream(f.at("/spec/filters").spliterator(), false))
        .flatMap(f -> StreamSupport.stream(f.at("/recordModifier/records").spliterator(), false))
        .map(JsonNode::asText)
        .filter(r -> r.startsWith("log_scope "))
        .map(r -> r.substring("log_scope ".length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Loki's configuration file as the chart renders it (a Secret or a ConfigMap). */
  private static JsonNode lokiConfig() throws Exception {
    List<JsonNode> objects = ChartOutput.objects(release("loki"));
    for (JsonNode o : objects) {
      JsonNode data = o.path("data").path("config.yaml");
      if (!data.isMissingNode()) {
        String text =
            o.path("kind").asText().equals("Secret")
                ? new String(Base64.getDecoder().decode(data.asText()))
                : data.asText();
        return YAML.readTree(text);
      }
    }
    throw new AssertionError("the Loki chart renders no config.yaml");
  }

  private static Release release(String component) {
    return PlatformReleases.releases(PROFILE).stream()
        .filter(r -> r.component().equals(component))
        .findFirst()
        .orElseThrow(() -> new AssertionError(PROFILE + " installs no " + component));
  }
}
