package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.RenderContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every tenant pipeline ServiceAccount pulls and pushes with its tenant's Harbor robot account:
 * the pull secret it names is an ExternalSecret in the same namespace, reading the tenant's own
 * store path, which is where Harbor's configuration Job writes the robot, for Harbor's host.
 */
class RegistryWiringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DesiredState state = Profiles.state("full");

  @Test
  void everyPipelineAccountHasItsTenantsRobotAsPullSecret() throws Exception {
    String harborHost = URI.create(spec("Application", "harbor", null).at("/spec/source/helm/valuesObject/externalURL").asText()).getHost();
    String jobScript = spec("ConfigMap", "bulwark-harbor-config", null).at("/data/apply.sh").asText();
    int checked = 0;
    for (TenantModel tenant : RenderContext.of(Profiles.spec("full")).tenants()) {
      for (EnvironmentModel env : tenant.environments()) {
        ServiceAccount account = (ServiceAccount) find("ServiceAccount", "bulwark-pipeline", env.namespace()).object();
        String pullSecret = account.getImagePullSecrets().get(0).getName();
        JsonNode external = spec("ExternalSecret", pullSecret, env.namespace());
        assertThat(external.at("/spec/secretStoreRef/name").asText()).isEqualTo("tenant");
        assertThat(external.at("/spec/target/name").asText()).isEqualTo(pullSecret);
        assertThat(external.at("/spec/target/template/type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
        JsonNode config = JSON.readTree(external.at("/spec/target/template/data/.dockerconfigjson").asText());
        assertThat(config.path("auths").fieldNames()).toIterable().containsExactly(harborHost);
        assertThat(config.at("/auths").path(harborHost).path("auth").asText()).startsWith("{{").contains(".name", ".secret");
        for (JsonNode data : external.at("/spec/data")) {
          String key = data.at("/remoteRef/key").asText();
          assertThat(key).isEqualTo("tenants/" + tenant.name() + "/registry");
          assertThat(jobScript).contains("/v1/secret/data/tenants/$tenant/registry");
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2);
  }

  private DesiredObject find(String kind, String name, String namespace) {
    return state.objects().stream()
        .filter(o -> o.key().kind().equals(kind) && o.key().name().equals(name)
            && (namespace == null || o.key().namespace().equals(namespace)))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name));
  }

  private JsonNode spec(String kind, String name, String namespace) {
    return Manifests.mapper().valueToTree(find(kind, name, namespace).object());
  }
}
