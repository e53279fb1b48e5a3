package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The logs cluster asks for no feature its Elastic licence lacks (ADR 0049). On Elastic's free
 * basic licence the only security realms are the native and file realms and Kibana's only providers
 * are basic, token and anonymous: every single sign-on realm (OpenID Connect, SAML, JWT, LDAP,
 * Active Directory, PKI, Kerberos) is a Platinum feature, and an Elasticsearch node configured with
 * one on basic does not authenticate through it. With the Enterprise licence, Kibana signs in
 * through Keycloak and each tenant's groups read only that tenant's logs.
 */
class ElasticLicenseTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BASIC_REALMS = Set.of("native", "file");
  private static final Set<String> BASIC_KIBANA_PROVIDERS = Set.of("basic", "token", "anonymous");

  @Test
  void onTheBasicLicenceNothingAsksForAPaidRealm() {
    // The full profile with the licence setting left out: the default, basic.
    BulwarkSpec spec = Profiles.spec("full");
    spec.platform().getSpec().getComponents().getLogs().getSettings().remove("license");
    DesiredState state = Renderer.standard().render(spec);

    Set<String> realmTypes = realmTypesOf(state);
    tree(one(state, "Elasticsearch", "logs"))
        .at("/spec/secureSettings")
        .forEach(
            s -> s.path("entries").forEach(e -> realmType(e.path("path").asText(), realmTypes)));
    assertThat(realmTypes).isSubsetOf(BASIC_REALMS);

    Set<String> providers = new TreeSet<>();
    tree(one(state, "Kibana", "logs"))
        .at("/spec/config/xpack.security.authc.providers")
        .fieldNames()
        .forEachRemaining(providers::add);
    assertThat(providers).isNotEmpty().isSubsetOf(BASIC_KIBANA_PROVIDERS);

    assertThat(realmClients(state)).isNotEmpty().doesNotContain("kibana");
    assertThat(kind(state, "ExternalSecret"))
        .extracting(o -> o.key().name())
        .doesNotContain("oidc-kibana", "eck-license");
    JsonNode files = tree(one(state, "ConfigMap", "bulwark-elasticsearch-config")).at("/data");
    files.fieldNames().forEachRemaining(f -> assertThat(f).doesNotStartWith("mapping-"));
    // The same checks hold the enterprise rendering to something: it does configure the realm.
    assertThat(realmTypesOf(Profiles.state("full"))).contains("oidc");
  }

  private static Set<String> realmTypesOf(DesiredState state) {
    Set<String> types = new TreeSet<>();
    tree(one(state, "Elasticsearch", "logs"))
        .at("/spec/nodeSets")
        .forEach(n -> n.path("config").fieldNames().forEachRemaining(k -> realmType(k, types)));
    return types;
  }

  @Test
  void theEnterpriseLicenceReachesTheOperatorFromTheSecretStore() {
    DesiredState state = Profiles.state("full");
    JsonNode license = tree(one(state, "ExternalSecret", "eck-license"));
    String operatorNamespace =
        tree(one(state, "Application", "eck-operator")).at("/spec/destination/namespace").asText();
    assertThat(license.at("/metadata/namespace").asText()).isEqualTo(operatorNamespace);
    assertThat(license.at("/spec/target/template/metadata/labels"))
        .isEqualTo(JSON.valueToTree(Map.of("license.k8s.elastic.co/scope", "operator")));
    assertThat(license.at("/spec/data/0/secretKey").asText()).isEqualTo("license");
    assertThat(license.at("/spec/data/0/remoteRef/key").asText())
        .endsWith("platform/logs/eck-license");
  }

  @Test
  void withTheEnterpriseLicenceKibanaSignsInThroughTheRealmOfItsClient() {
    DesiredState state = Profiles.state("full");
    JsonNode config = tree(one(state, "Elasticsearch", "logs")).at("/spec/nodeSets/0/config");
    String realm = "xpack.security.authc.realms.oidc.oidc1.";
    assertThat(config.path(realm + "rp.client_id").asText()).isEqualTo("kibana");
    assertThat(config.path(realm + "claims.groups").asText()).isEqualTo("groups");
    assertThat(realmClients(state)).contains("kibana");
    JsonNode providers =
        tree(one(state, "Kibana", "logs")).at("/spec/config/xpack.security.authc.providers");
    assertThat(providers.at("/oidc/oidc1/realm").asText()).isEqualTo("oidc1");
    assertThat(providers.has("basic")).as("the administrators' way in stays").isTrue();
  }

  @Test
  void eachTenantsGroupsReadOnlyThatTenantsIndices() throws Exception {
    DesiredState state = Profiles.state("full");
    JsonNode files = tree(one(state, "ConfigMap", "bulwark-elasticsearch-config")).at("/data");
    JsonNode realm = tree(one(state, "KeycloakRealmImport", "bulwark")).at("/spec/realm/groups");
    Set<String> realmGroups = new TreeSet<>();
    realm.forEach(g -> realmGroups.add(g.path("name").asText()));
    Map<String, String> tenants = Map.of("shop", "logs-shop", "analytics", "logs-analytics");
    for (var tenant : tenants.entrySet()) {
      String role = "bulwark_logs_tenant_" + tenant.getKey();
      JsonNode mapping = JSON.readTree(files.path("mapping-" + role + ".json").asText());
      assertThat(mapping.path("roles")).containsExactly(JSON.valueToTree(role));
      assertThat(mapping.at("/rules/all/0/field/realm.name").asText()).isEqualTo("oidc1");
      List<String> groups = new ArrayList<>();
      mapping.at("/rules/all/1/field/groups").forEach(g -> groups.add(g.asText()));
      assertThat(groups)
          .containsExactlyInAnyOrder(
              tenant.getKey() + "-owners",
              tenant.getKey() + "-developers",
              tenant.getKey() + "-viewers");
      assertThat(realmGroups).containsAll(groups);

      JsonNode grant = JSON.readTree(files.path("role-" + role + ".json").asText());
      assertThat(grant.at("/indices/0/privileges"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("read", "view_index_metadata");
      String names = grant.at("/indices/0/names/0").asText();
      assertThat(names).startsWith("/").endsWith("/");
      Pattern indices = Pattern.compile(names.substring(1, names.length() - 1));
      String prefix = tenant.getValue();
      assertThat(indices.matcher(prefix + "-2026.12.04").matches()).isTrue();
      assertThat(indices.matcher(prefix + "-eu-2026.12.04").matches())
          .as("another tenant whose scope starts with this one's")
          .isFalse();
      tenants.values().stream()
          .filter(p -> !p.equals(prefix))
          .forEach(p -> assertThat(indices.matcher(p + "-2026.12.04").matches()).isFalse());
      assertThat(grant.toString()).doesNotContain("\"logs-*\"");
    }
    JsonNode admins = JSON.readTree(files.path("mapping-bulwark_logs_admins.json").asText());
    assertThat(admins.path("roles"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("kibana_admin", "bulwark_logs_reader");
    assertThat(admins.at("/rules/all/1/field/groups")).hasSize(1);
    assertThat(realmGroups).contains(admins.at("/rules/all/1/field/groups/0").asText());
  }

  private static void realmType(String setting, Set<String> types) {
    String prefix = "xpack.security.authc.realms.";
    if (setting.startsWith(prefix)) {
      types.add(setting.substring(prefix.length()).split("\\.")[0]);
    }
  }

  private static List<String> realmClients(DesiredState state) {
    List<String> clients = new ArrayList<>();
    kind(state, "KeycloakRealmImport")
        .forEach(
            r ->
                tree(r)
                    .at("/spec/realm/clients")
                    .forEach(c -> clients.add(c.path("clientId").asText())));
    return clients;
  }

  private static List<DesiredObject> kind(DesiredState state, String kind) {
    return state.objects().stream().filter(o -> o.key().kind().equals(kind)).toList();
  }

  private static DesiredObject one(DesiredState state, String kind, String name) {
    return kind(state, kind).stream()
        .filter(o -> o.key().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode tree(DesiredObject object) {
    return Manifests.mapper().valueToTree(object.object());
  }
}
