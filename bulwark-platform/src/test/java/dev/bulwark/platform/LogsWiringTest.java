package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The logs cluster knows every user that logs in to it and keeps every tenant's logs only as long
 * as the tenant asked: read from the rendered objects of the full profile.
 */
class LogsWiringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DesiredState state = Profiles.state("full");

  @Test
  void everyConsumerOfElasticsearchLogsInAsAFileRealmUserWithAGeneratedPassword() throws Exception {
    JsonNode es = tree(find("Elasticsearch", "logs"));
    List<String> realmSecrets = new ArrayList<>();
    es.at("/spec/auth/fileRealm").forEach(r -> realmSecrets.add(r.path("secretName").asText()));
    Map<String, JsonNode> realmUsers = new HashMap<>();
    for (String secret : realmSecrets) {
      JsonNode external = tree(find("ExternalSecret", secret));
      assertThat(external.at("/metadata/namespace").asText())
          .isEqualTo(es.at("/metadata/namespace").asText());
      assertThat(external.at("/spec/target/template/type").asText())
          .isEqualTo("kubernetes.io/basic-auth");
      String path = external.at("/spec/data/0/remoteRef/key").asText();
      realmUsers.put(path, external);
    }
    String generated =
        tree(find("ConfigMap", "bulwark-openbao-config")).at("/data/generated-secrets").asText();
    // Consumers: Fluent Bit's outputs and Grafana's datasource, through the Secrets they read.
    Map<String, String> consumers =
        Map.of(
            "fluent-bit-elasticsearch", "fluent-bit",
            "grafana-elasticsearch", "grafana");
    for (var consumer : consumers.entrySet()) {
      JsonNode copy = tree(find("ExternalSecret", consumer.getKey()));
      String path = copy.at("/spec/data/0/remoteRef/key").asText();
      assertThat(realmUsers)
          .as("a realm user at %s for %s", path, consumer.getKey())
          .containsKey(path);
      assertThat(generated)
          .as("OpenBao generates %s", path)
          .contains(path + " password username=" + consumer.getValue() + "\n");
      String roles = realmUsers.get(path).at("/spec/target/template/data/roles").asText();
      assertThat(roles)
          .isEqualTo(
              consumer.getValue().equals("grafana")
                  ? "bulwark_logs_reader"
                  : "bulwark_logs_writer");
    }
    JsonNode grafana = tree(find("Application", "kube-prometheus-stack"));
    assertThat(grafana.toString()).contains("\"basicAuthUser\":\"grafana\"");
    for (DesiredObject output : kind("ClusterOutput")) {
      assertThat(tree(output).at("/spec/es/httpUser/valueFrom/secretKeyRef/name").asText())
          .isEqualTo("fluent-bit-elasticsearch");
    }
  }

  @Test
  void everyTenantsIndicesAreDeletedAfterItsRetention() throws Exception {
    JsonNode files = tree(find("ConfigMap", "bulwark-elasticsearch-config")).at("/data");
    assertThat(files.has("role-bulwark_logs_writer.json")).isTrue();
    assertThat(files.has("role-bulwark_logs_reader.json")).isTrue();
    Map<String, Integer> retention = Map.of("shop", 14, "analytics", 30);
    int checked = 0;
    for (DesiredObject output : kind("ClusterOutput")) {
      String prefix = tree(output).at("/spec/es/logstashPrefix").asText();
      String tenant = output.tenant();
      String policy = "bulwark-" + prefix;
      JsonNode template = JSON.readTree(files.path("template-" + policy + ".json").asText());
      assertThat(template.at("/index_patterns/0").asText()).isEqualTo(prefix + "-*");
      assertThat(template.at("/template/settings/index.lifecycle.name").asText()).isEqualTo(policy);
      assertThat(template.path("priority").asInt()).isGreaterThan(100);
      JsonNode ilm = JSON.readTree(files.path("ilm-" + policy + ".json").asText());
      assertThat(ilm.at("/policy/phases/delete/min_age").asText())
          .isEqualTo(retention.get(tenant) + "d");
      assertThat(ilm.at("/policy/phases/delete/actions").has("delete")).isTrue();
      checked++;
    }
    assertThat(checked).isEqualTo(2);
    JsonNode job = tree(find("Job", "bulwark-elasticsearch-config"));
    assertThat(job.toString())
        .contains("logs-es-elastic-user")
        .doesNotContain("\"value\":\"elastic:");
  }

  @Test
  void aTenantWhoseScopeStartsWithAnothersGetsItsOwnTemplatePriority() throws Exception {
    String full;
    try (var in = getClass().getResourceAsStream("/profiles/full.yaml")) {
      full = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String shopEu =
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: Tenant
        metadata:
          name: shop-eu
        spec:
          environments:
            - name: prod
          sourceRepos:
            - https://git.example.com/shop-eu/*
        """;
    DesiredState both = Renderer.standard().render(TestSpecs.parse(List.of(full, shopEu)));
    JsonNode files =
        Manifests.mapper()
            .valueToTree(
                both.objects().stream()
                    .filter(o -> o.key().name().equals("bulwark-elasticsearch-config"))
                    .filter(o -> o.key().kind().equals("ConfigMap"))
                    .findFirst()
                    .orElseThrow()
                    .object())
            .at("/data");
    JsonNode shop = JSON.readTree(files.path("template-bulwark-logs-shop.json").asText());
    JsonNode eu = JSON.readTree(files.path("template-bulwark-logs-shop-eu.json").asText());
    // Elasticsearch refuses overlapping patterns at one priority; logs-shop-* covers shop-eu's.
    assertThat(shop.at("/index_patterns/0").asText()).isEqualTo("logs-shop-*");
    assertThat(eu.at("/index_patterns/0").asText()).isEqualTo("logs-shop-eu-*");
    assertThat(eu.path("priority").asInt())
        .as("the more specific pattern wins shop-eu's indices")
        .isGreaterThan(shop.path("priority").asInt());
    assertThat(shop.path("priority").asInt()).isGreaterThan(100);
  }

  private List<DesiredObject> kind(String kind) {
    return state.objects().stream().filter(o -> o.key().kind().equals(kind)).toList();
  }

  private DesiredObject find(String kind, String name) {
    return kind(kind).stream()
        .filter(o -> o.key().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode tree(DesiredObject object) {
    return Manifests.mapper().valueToTree(object.object());
  }
}
