package dev.bulwark.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.platform.TestSpecs;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.identity.Keycloak;
import dev.bulwark.testkit.identity.KeycloakAdmin;
import dev.bulwark.testkit.identity.RealKeycloak;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keycloak accepts the realm Bulwark renders, and keeps what was rendered: the realm of
 * examples/acme and of every example profile is imported into a real Keycloak through its admin
 * API, then read back from Keycloak and compared with the rendered {@code spec.realm}. (The minimal
 * profile installs no identity provider.)
 */
@RealKeycloak
class RenderedRealmOnKeycloakTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"examples/acme", "airgapped", "full"})
  void keycloakKeepsTheRenderedRealm(String source, Keycloak keycloak) throws Exception {
    RenderedRealm rendered = RenderedRealm.of(render(source));
    KeycloakAdmin admin = keycloak.admin();
    admin.replaceRealm(rendered.filled());

    String realm = rendered.name();
    JsonNode imported = admin.get(realm);
    assertThat(imported.path("enabled").asBoolean()).isTrue();
    assertThat(imported.path("sslRequired").asText())
        .isEqualTo(rendered.realm().path("sslRequired").asText());
    assertThat(imported.path("displayName").asText())
        .isEqualTo(rendered.realm().path("displayName").asText());
    assertThat(groupNames(admin.get(realm + "/groups?max=1000")))
        .containsExactlyInAnyOrderElementsOf(rendered.groups());

    Map<String, JsonNode> clients = new HashMap<>();
    admin.get(realm + "/clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    for (JsonNode want : rendered.clients().values()) {
      String clientId = want.path("clientId").asText();
      assertThat(clients).as("client %s in Keycloak", clientId).containsKey(clientId);
      JsonNode got = clients.get(clientId);
      for (String field :
          List.of(
              "enabled",
              "publicClient",
              "standardFlowEnabled",
              "directAccessGrantsEnabled",
              "baseUrl",
              "protocol")) {
        assertThat(got.path(field)).as("%s of %s", field, clientId).isEqualTo(want.path(field));
      }
      assertThat(texts(got.path("redirectUris")))
          .as("redirect URIs of %s", clientId)
          .isEqualTo(texts(want.path("redirectUris")));
      assertThat(texts(got.path("webOrigins"))).isEqualTo(texts(want.path("webOrigins")));
      assertMappers(clientId, want.path("protocolMappers"), got.path("protocolMappers"));
      String secret = rendered.secretOf(want);
      if (secret != null) {
        String id = got.path("id").asText();
        assertThat(admin.get(realm + "/clients/" + id + "/client-secret").path("value").asText())
            .as("secret of %s: the value of its placeholder's Secret", clientId)
            .isEqualTo(secret);
      }
    }
  }

  /** Every rendered mapper is in Keycloak under its name, with every rendered setting. */
  private static void assertMappers(String clientId, JsonNode rendered, JsonNode imported) {
    Map<String, JsonNode> byName = new HashMap<>();
    imported.forEach(m -> byName.put(m.path("name").asText(), m));
    assertThat(rendered.size()).as("mappers rendered for %s", clientId).isPositive();
    for (JsonNode want : rendered) {
      JsonNode got = byName.get(want.path("name").asText());
      assertThat(got).as("mapper %s of %s", want.path("name"), clientId).isNotNull();
      assertThat(got.path("protocolMapper")).isEqualTo(want.path("protocolMapper"));
      want.path("config")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(got.path("config").path(e.getKey()))
                      .as("%s of mapper %s of %s", e.getKey(), want.path("name"), clientId)
                      .isEqualTo(e.getValue()));
    }
  }

  static DesiredState render(String source) {
    return Renderer.standard().render(spec(source));
  }

  /** An example folder ({@code examples/...}, through the loader) or an example profile. */
  static BulwarkSpec spec(String source) {
    if (!source.startsWith("examples/")) {
      return TestSpecs.profile(source);
    }
    LoadResult loaded = SpecLoader.load(List.of(SharedData.repoDir().resolve(source).toString()));
    assertThat(loaded.errors()).as(loaded.report()).isEmpty();
    return loaded.spec();
  }

  private static Set<String> groupNames(JsonNode groups) {
    Set<String> names = new TreeSet<>();
    groups.forEach(g -> names.add(g.path("name").asText()));
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
