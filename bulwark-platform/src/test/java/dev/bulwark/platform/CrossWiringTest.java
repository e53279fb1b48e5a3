package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.testkit.schema.Schemas;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The components arrive integrated: each test reads the rendered objects of the full profile (never
 * the records they were rendered from) and checks one wire between two components.
 */
class CrossWiringTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final DesiredState state = Profiles.state("full");

  @Test
  void everyRealmClientMatchesItsUiSettingsAndRedirect() throws Exception {
    JsonNode realm = one("KeycloakRealmImport", "bulwark").at("/spec/realm");
    Map<String, JsonNode> clients = new HashMap<>();
    realm.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
    Map<String, String> uiRedirects = uiRedirects();
    assertThat(uiRedirects.keySet())
        .as("UIs wired to OIDC")
        .containsExactlyInAnyOrder("argo-cd", "grafana", "kibana", "harbor");
    uiRedirects.forEach(
        (clientId, redirect) -> {
          assertThat(clients).as("realm client for %s", clientId).containsKey(clientId);
          assertThat(texts(clients.get(clientId).path("redirectUris")))
              .as("redirect URIs of %s", clientId)
              .contains(redirect);
          assertThat(clients.get(clientId).path("secret").asText())
              .as("%s secret is a placeholder", clientId)
              .startsWith("${");
        });
    assertThat(clients.keySet())
        .containsExactlyInAnyOrder(
            "argo-cd", "grafana", "kibana", "harbor", "bulwark-console", "kubelogin");
    assertThat(clients.get("kubelogin").path("publicClient").asBoolean()).isTrue();
  }

  /** Client id to redirect URI, as each UI's own rendered configuration states them. */
  private Map<String, String> uiRedirects() throws Exception {
    Map<String, String> redirects = new HashMap<>();
    JsonNode argo = one("Application", "argo-cd").at("/spec/source/helm/valuesObject/configs/cm");
    JsonNode oidc = YAML.readTree(argo.path("oidc.config").asText());
    assertThat(oidc.path("issuer").asText())
        .isEqualTo("https://auth.full.example.com/realms/bulwark");
    redirects.put(oidc.path("clientID").asText(), argo.path("url").asText() + "/auth/callback");
    JsonNode grafana =
        one("Application", "kube-prometheus-stack")
            .at("/spec/source/helm/valuesObject/grafana/grafana.ini");
    redirects.put(
        grafana.at("/auth.generic_oauth/client_id").asText(),
        grafana.at("/server/root_url").asText() + "/login/generic_oauth");
    JsonNode es = one("Elasticsearch", "logs").at("/spec/nodeSets/0/config");
    redirects.put(
        es.path("xpack.security.authc.realms.oidc.oidc1.rp.client_id").asText(),
        es.path("xpack.security.authc.realms.oidc.oidc1.rp.redirect_uri").asText());
    JsonNode harborConfig =
        YAML.readTree(
            one("ConfigMap", "bulwark-harbor-config").at("/data/configurations.json").asText());
    String harborUrl =
        one("Application", "harbor").at("/spec/source/helm/valuesObject/externalURL").asText();
    redirects.put(harborConfig.path("oidc_client_id").asText(), harborUrl + "/c/oidc/callback");
    return redirects;
  }

  @Test
  void everySecretStoreRoleReadsOnlyItsTenantsPath() {
    JsonNode config = one("ConfigMap", "bulwark-openbao-config").path("data");
    // The stores of tenants' CI namespaces have roles of their own (PipelineUnitTest).
    List<DesiredObject> stores =
        ofKind("SecretStore").stream().filter(s -> !s.tenant().equals("platform")).toList();
    assertThat(stores).hasSize(tenantNamespaces().values().stream().mapToInt(Set::size).sum());
    for (DesiredObject store : stores) {
      String tenant = store.tenant();
      assertThat(tenantNamespaces().get(tenant))
          .contains(store.object().getMetadata().getNamespace());
      JsonNode vault = json(store).at("/spec/provider/vault");
      String role = vault.at("/auth/kubernetes/role").asText();
      assertThat(role).isEqualTo("tenant-" + tenant);
      String policy = config.path("policy-" + role + ".hcl").asText();
      List<String> paths =
          policy.lines().filter(l -> l.startsWith("path ")).map(l -> l.split("\"")[1]).toList();
      assertThat(paths)
          .isNotEmpty()
          .allSatisfy(
              p -> assertThat(p).matches("secret/(data|metadata)/tenants/" + tenant + "/\\*"));
      String[] binding = config.path("role-" + role).asText().split("\n");
      assertThat(Set.of(binding[0].split(",")))
          .as("namespaces that may log in as %s", role)
          .isEqualTo(tenantNamespaces().get(tenant));
    }
  }

  @Test
  void everyAppProjectsDestinationsAreItsTenantsNamespaces() {
    List<DesiredObject> projects =
        ofKind("AppProject").stream().filter(p -> !p.tenant().equals("platform")).toList();
    assertThat(projects).hasSize(tenantNamespaces().size());
    for (DesiredObject project : projects) {
      JsonNode spec = json(project).path("spec");
      Set<String> destinations =
          StreamSupport.stream(spec.path("destinations").spliterator(), false)
              .map(d -> d.path("namespace").asText())
              .collect(Collectors.toSet());
      assertThat(destinations).isEqualTo(tenantNamespaces().get(project.tenant()));
      assertThat(spec.has("clusterResourceWhitelist"))
          .as("cluster-scoped kinds of %s", project.key())
          .isFalse();
      assertThat(texts(spec.path("sourceRepos")))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r).doesNotContain("*.git*").isNotEqualTo("*"));
    }
  }

  @Test
  void everyTenantNamespaceIsCoveredByAVeleroSchedule() {
    Set<String> covered = new TreeSet<>();
    for (DesiredObject schedule : ofKind("Schedule")) {
      covered.addAll(texts(json(schedule).at("/spec/template/includedNamespaces")));
      assertThat(json(schedule).at("/spec/template/ttl").asText()).isEqualTo("720h");
    }
    Set<String> all = new TreeSet<>();
    tenantNamespaces().values().forEach(all::addAll);
    assertThat(covered).containsAll(all);
  }

  @Test
  void everyGrafanaDatasourcePointsAtARenderedService() {
    JsonNode sources =
        one("Application", "kube-prometheus-stack")
            .at("/spec/source/helm/valuesObject/grafana/additionalDataSources");
    assertThat(sources.size()).isEqualTo(3);
    for (JsonNode source : sources) {
      URI url = URI.create(source.path("url").asText());
      String[] host = url.getHost().split("\\.");
      DesiredObject service =
          ofKind("Service").stream()
              .filter(
                  s ->
                      s.object().getMetadata().getName().equals(host[0])
                          && s.object().getMetadata().getNamespace().equals(host[1]))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no rendered Service for datasource "
                              + source.path("name")
                              + " at "
                              + url));
      JsonNode port = json(service).at("/spec/ports/0/port");
      assertThat(port.asInt()).as("port of %s", service.key()).isEqualTo(url.getPort());
    }
  }

  @Test
  void noCredentialIsRenderedInPlaintext() {
    assertThat(ofKind("Secret").stream().filter(s -> !s.object().getMetadata().getName().isEmpty()))
        .isEmpty();
    for (DesiredObject object : Profiles.platformObjects(state)) {
      String text = json(object).toString().toLowerCase(java.util.Locale.ROOT);
      assertThat(text)
          .as("%s", object.key())
          .doesNotContainPattern("\"(password|clientsecret|client_secret|token)\":\"[^$\"{]");
    }
  }

  private Map<String, Set<String>> tenantNamespaces() {
    Map<String, Set<String>> byTenant = new HashMap<>();
    state.objects().stream()
        .filter(o -> o.object().getKind().equals("Namespace") && o.capability().equals("tenancy"))
        .forEach(
            o ->
                byTenant
                    .computeIfAbsent(
                        o.object().getMetadata().getLabels().get(BulwarkLabels.TENANT),
                        t -> new TreeSet<>())
                    .add(o.object().getMetadata().getName()));
    return byTenant;
  }

  private List<DesiredObject> ofKind(String kind) {
    return state.objects().stream().filter(o -> o.object().getKind().equals(kind)).toList();
  }

  private JsonNode one(String kind, String name) {
    return ofKind(kind).stream()
        .filter(o -> o.object().getMetadata().getName().equals(name))
        .findFirst()
        .map(CrossWiringTest::json)
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode json(DesiredObject object) {
    return Schemas.toJson(object.object());
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
