package dev.bulwark.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm exactly as Bulwark rendered it in the {@code KeycloakRealmImport} named {@code
 * bulwark}, with its placeholders filled as the Keycloak operator fills them: each {@code ${NAME}}
 * with the value of the Secret the import's {@code placeholders} name (a fresh random one here).
 *
 * @param realm the rendered {@code spec.realm}
 * @param secrets placeholder name to the value put in its place
 */
public record RenderedRealm(JsonNode realm, Map<String, String> secrets) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  public static RenderedRealm of(DesiredState state) {
    List<JsonNode> imports = new ArrayList<>();
    for (DesiredObject o : state.objects()) {
      if (o.object().getKind().equals("KeycloakRealmImport")) {
        imports.add(Serialization.jsonMapper().valueToTree(o.object()));
      }
    }
    assertThat(imports).as("rendered KeycloakRealmImports").hasSize(1);
    JsonNode spec = imports.get(0).path("spec");
    Map<String, String> secrets = new LinkedHashMap<>();
    spec.path("placeholders")
        .fieldNames()
        .forEachRemaining(name -> secrets.put(name, "test-" + UUID.randomUUID()));
    return new RenderedRealm(spec.path("realm"), secrets);
  }

  public String name() {
    return realm.path("realm").asText();
  }

  /**
   * The realm as Keycloak receives it. Fails on a {@code ${NAME}} the import declares no
   * placeholder for: the operator would leave it in place, a literal client secret.
   */
  public Map<String, Object> filled() throws Exception {
    Matcher m = PLACEHOLDER.matcher(JSON.writeValueAsString(realm));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertThat(secrets).as("placeholders declared for ${%s}", m.group(1)).containsKey(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(secrets.get(m.group(1))));
    }
    m.appendTail(out);
    return JSON.readValue(out.toString(), new TypeReference<Map<String, Object>>() {});
  }

  /** The rendered clients by client id. */
  public Map<String, JsonNode> clients() {
    Map<String, JsonNode> clients = new LinkedHashMap<>();
    realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    return clients;
  }

  /** The secret that replaced the placeholder in a client's {@code secret}, if it has one. */
  public String secretOf(JsonNode client) {
    Matcher m = PLACEHOLDER.matcher(client.path("secret").asText());
    return m.matches() ? secrets.get(m.group(1)) : null;
  }

  List<String> groups() {
    List<String> names = new ArrayList<>();
    realm.path("groups").forEach(g -> names.add(g.path("name").asText()));
    return names;
  }
}
