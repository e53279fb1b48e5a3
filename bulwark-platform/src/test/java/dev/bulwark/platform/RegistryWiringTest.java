package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.platform.registry.RegistryUnit;
import dev.bulwark.platform.stack.ScriptRun;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tenant pipeline ServiceAccount pulls and pushes with its tenant's Harbor robot account: the
 * pull secret it names is an ExternalSecret in the same namespace, reading the tenant's own store
 * path, which is where Harbor's configuration Job writes the robot, for Harbor's host.
 */
class RegistryWiringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A platformRegistry parameter, as a Gatekeeper parameter or inside a policy's CEL params. */
  private static final Pattern PLATFORM_REGISTRY =
      Pattern.compile("platformRegistry: \"?([a-z0-9.-]+)|'platformRegistry': dyn\\('([^']+)'\\)");

  private final DesiredState state = Profiles.state("full");

  @Test
  void everyPipelineAccountHasItsTenantsRobotAsPullSecret() throws Exception {
    String harborHost =
        URI.create(
                spec("Application", "harbor", null)
                    .at("/spec/source/helm/valuesObject/externalURL")
                    .asText())
            .getHost();
    List<String> projects =
        List.of(
            spec("ConfigMap", "bulwark-harbor-config", null)
                .at("/data/projects")
                .asText()
                .split("\n"));
    int checked = 0;
    for (TenantModel tenant : RenderContext.of(Profiles.spec("full")).tenants()) {
      for (EnvironmentModel env : tenant.environments()) {
        ServiceAccount account =
            (ServiceAccount) find("ServiceAccount", "bulwark-pipeline", env.namespace()).object();
        String pullSecret = account.getImagePullSecrets().get(0).getName();
        JsonNode external = spec("ExternalSecret", pullSecret, env.namespace());
        assertThat(external.at("/spec/secretStoreRef/name").asText()).isEqualTo("tenant");
        assertThat(external.at("/spec/target/name").asText()).isEqualTo(pullSecret);
        assertThat(external.at("/spec/target/template/type").asText())
            .isEqualTo("kubernetes.io/dockerconfigjson");
        JsonNode config =
            JSON.readTree(external.at("/spec/target/template/data/.dockerconfigjson").asText());
        assertThat(config.path("auths").fieldNames()).toIterable().containsExactly(harborHost);
        assertThat(config.at("/auths").path(harborHost).path("auth").asText())
            .startsWith("{{")
            .contains(".name", ".secret");
        for (JsonNode data : external.at("/spec/data")) {
          String key = data.at("/remoteRef/key").asText();
          assertThat(key).isEqualTo("tenants/" + tenant.name() + "/registry");
          // The Job writes the robot through OpenBao's KV v2 API: <mount>/data/<key>, the mount the
          // store reads.
          String mount =
              spec("SecretStore", "tenant", env.namespace())
                  .at("/spec/provider/vault/path")
                  .asText();
          assertThat(projects).anyMatch(line -> line.split(" ")[1].equals(mount + "/data/" + key));
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2);
  }

  /**
   * The image-registry policy allows the platform's own registry by host; it must be the host
   * Harbor is served at, or every image the tenants push to Harbor is denied at admission (the
   * policy once allowed {@code registry.<domain>} while Harbor was at {@code harbor.<domain>}).
   */
  @Test
  void theImageRegistryPolicyAllowsTheHostHarborIsServedAt() {
    List<String> served =
        state.objects().stream()
            .filter(o -> o.capability().equals("registry"))
            .map(o -> Manifests.mapper().<JsonNode>valueToTree(o.object()))
            .flatMap(
                o -> {
                  List<String> hosts = new ArrayList<>();
                  o.at("/spec/hostnames").forEach(h -> hosts.add(h.asText()));
                  o.at("/spec/rules").forEach(r -> hosts.add(r.path("host").asText()));
                  return hosts.stream();
                })
            .filter(h -> !h.isEmpty())
            .toList();
    assertThat(served).as("hosts the registry's routes serve").isNotEmpty();
    String policies =
        state.objects().stream()
            .filter(o -> List.of("policy", "admission").contains(o.capability()))
            .map(o -> Manifests.toYaml(o.object()))
            .collect(Collectors.joining());
    List<String> allowed = new ArrayList<>();
    Matcher matcher = PLATFORM_REGISTRY.matcher(policies);
    while (matcher.find()) {
      allowed.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
    assertThat(allowed).as("platformRegistry entries of the rendered policies").isNotEmpty();
    assertThat(served).containsAll(allowed);
    assertThat(served)
        .contains(
            (String)
                PolicyRenderUnit.params(RenderContext.of(Profiles.spec("full")))
                    .get("platformRegistry"));
  }

  /**
   * Harbor's configuration Job, run with a real shell and a fake {@code curl} on the rendered
   * ConfigMap: every tenant's project is created, and the last one's payloads are its templates
   * filled in, valid JSON with no placeholder left.
   */
  @Test
  void theConfigurationJobFillsInEachProjectsPayloads(@TempDir Path dir) throws Exception {
    String harbor = "http://harbor-core.harbor.svc";
    ConfigMap config = (ConfigMap) find("ConfigMap", "bulwark-harbor-config", null).object();
    ScriptRun run =
        new ScriptRun(RegistryUnit.class, "harbor-config.sh", dir, "curl")
            .env("HARBOR_URL", harbor)
            .env("HARBOR_PASSWORD", "admin-password")
            .env("OIDC_CLIENT_SECRET", "oidc-secret")
            .env("BAO_ROLE", "")
            .always("curl * " + harbor + "/api/v2.0/projects/*", 0, "{\"project_id\": 42}");
    config.getData().forEach(run::file);
    ScriptRun.Result result = run.run();

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<String> lines = List.of(config.getData().get("projects").strip().split("\n"));
    assertThat(result.calls())
        .filteredOn(c -> c.contains("-X POST " + harbor + "/api/v2.0/projects -d"))
        .hasSize(lines.size());
    String[] last = lines.get(lines.size() - 1).split(" ");
    String project = last[0];
    JsonNode created = JSON.readTree(run.tmp().resolve("project.json").toFile());
    JsonNode retention = JSON.readTree(run.tmp().resolve("retention.json").toFile());
    JsonNode robot = JSON.readTree(run.tmp().resolve("robot.json").toFile());
    assertThat(created.at("/project_name").asText()).isEqualTo(project);
    assertThat(retention.at("/rules/0/params/nDaysSinceLastPush").isInt()).isTrue();
    assertThat(retention.at("/rules/0/params/nDaysSinceLastPush").asText()).isEqualTo(last[2]);
    assertThat(retention.at("/scope/ref").asInt()).isEqualTo(42);
    assertThat(retention.at("/scope/level").asText()).isEqualTo("project");
    assertThat(retention.at("/trigger/settings").has("scope")).isFalse();
    assertThat(robot.at("/permissions/0/namespace").asText()).isEqualTo(project);
    assertThat(robot.at("/description").asText()).endsWith(" " + last[3]);
    for (String file : List.of("project.json", "retention.json", "robot.json")) {
      assertThat(Files.readString(run.tmp().resolve(file))).doesNotContain("@");
    }
  }

  private DesiredObject find(String kind, String name, String namespace) {
    return state.objects().stream()
        .filter(
            o ->
                o.key().kind().equals(kind)
                    && o.key().name().equals(name)
                    && (namespace == null || o.key().namespace().equals(namespace)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name));
  }

  private JsonNode spec(String kind, String name, String namespace) {
    return Manifests.mapper().valueToTree(find(kind, name, namespace).object());
  }
}
