package dev.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.Renderer;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecError;
import dev.bulwark.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenBao initialises and unseals itself, and every Job that configures it logs in with its own
 * ServiceAccount through Kubernetes auth: no root token, unseal key share or stored OpenBao token
 * is needed by anything Bulwark renders.
 */
class OpenBaoBootstrapTest {

  private final DesiredState state = Profiles.state("full");

  @Test
  void theServerUnsealsItselfAndAJobInitialisesItOnceWithARoleForTheConfigJob() {
    JsonNode values =
        tree(find("Application", "openbao")).at("/spec/source/helm/valuesObject/server");
    String config = values.at("/ha/raft/config").asText();
    assertThat(config)
        .contains(
            "seal \"static\"", "file:///openbao/userconfig/openbao-unseal-key/key", "retry_join")
        .as(
            "no in-server self-initialisation: Raft nodes starting together would each make a cluster")
        .doesNotContain("initialize");
    assertThat(values.at("/extraVolumes/0/name").asText()).isEqualTo("openbao-unseal-key");
    assertThat(values.at("/readinessProbe/path").asText())
        .as("ready before initialisation, or the app of apps never reaches the Job")
        .contains("uninitcode=204")
        .doesNotContain("sealedcode");
    JsonNode init = tree(find("Job", "bulwark-openbao-init"));
    JsonNode initFiles = tree(find("ConfigMap", "bulwark-openbao-init")).at("/data");
    String script = initFiles.path("apply.sh").asText();
    assertThat(script)
        .contains(
            "\"initialized\": *true",
            "exit 0",
            "bao operator init -recovery-shares=1",
            "auth enable -path=\"$AUTH_MOUNT\" kubernetes",
            "role/$BOOTSTRAP_ROLE",
            "bao token revoke -self")
        .doesNotContain("echo \"$BAO_TOKEN")
        .doesNotContain("recovery_keys");
    assertThat(env(init))
        .containsEntry("CONFIG_ACCOUNT", "bulwark-openbao-config")
        .containsEntry("CONFIG_NAMESPACE", "openbao")
        .containsEntry("BOOTSTRAP_ROLE", "bulwark-bootstrap");
    assertThat(initFiles.path("bootstrap-policy.hcl").asText())
        .contains("sys/auth/*", "secret/data/platform/*");
    assertThat(initFiles.path("bootstrap-policy.hcl").asText().lines())
        .as("of tenants' secrets, only the CI webhook secret it generates")
        .filteredOn(line -> line.contains("tenants"))
        .containsExactly(
            "path \"secret/data/tenants/+/ci/webhook\" { capabilities = [\"create\", \"read\","
                + " \"update\"] }");
    assertThat(init.at("/spec/template/spec/automountServiceAccountToken").asBoolean()).isFalse();
    JsonNode job = tree(find("Job", "bulwark-openbao-config"));
    assertThat(wave(job)).as("configuration after initialisation").isGreaterThan(wave(init));
    assertThat(wave(init))
        .as("initialisation after OpenBao's Application")
        .isGreaterThan(wave(tree(find("Application", "openbao"))));
    assertThat(wave(tree(find("ClusterSecretStore", "bulwark-platform"))))
        .as("stores log in with the roles the configuration wrote")
        .isGreaterThan(wave(job));
    assertThat(job.at("/metadata/namespace").asText()).isEqualTo("openbao");
    assertThat(job.at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("bulwark-openbao-config");
    assertThat(job.at("/spec/template/spec/automountServiceAccountToken").asBoolean()).isTrue();
    assertThat(env(job)).containsEntry("BOOTSTRAP_ROLE", "bulwark-bootstrap");
    assertThat(tree(find("ConfigMap", "bulwark-openbao-config")).at("/data/apply.sh").asText())
        .contains("auth/$AUTH_MOUNT/login", "role=\"$BOOTSTRAP_ROLE\"");
    assertThat(
            find("ServiceAccount", "bulwark-openbao-config").object().getMetadata().getNamespace())
        .isEqualTo("openbao");
  }

  private static Map<String, String> env(JsonNode job) {
    Map<String, String> env = new java.util.TreeMap<>();
    job.at("/spec/template/spec/containers/0/env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }

  private static int wave(JsonNode object) {
    return Integer.parseInt(
        object.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asText());
  }

  @Test
  void harborStoresRobotAccountsWithItsOwnNarrowRole() {
    JsonNode openbaoFiles = tree(find("ConfigMap", "bulwark-openbao-config")).at("/data");
    assertThat(openbaoFiles.path("role-bulwark-harbor").asText())
        .isEqualTo("harbor\nbulwark-harbor-config\n");
    assertThat(openbaoFiles.path("policy-bulwark-harbor.hcl").asText())
        .contains("path \"secret/data/tenants/+/registry\"")
        .contains("\"create\", \"update\"")
        .doesNotContain("read");
    JsonNode job = tree(find("Job", "bulwark-harbor-config"));
    assertThat(job.at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("bulwark-harbor-config");
  }

  @Test
  void noRenderedObjectNeedsAStoredOpenBaoToken() {
    String all =
        state.objects().stream().map(o -> Manifests.toYaml(o.object())).reduce("", String::concat);
    assertThat(all)
        .doesNotContain(
            "openbao-admin-token", "harbor-openbao-token", "BAO_TOKEN\n", "name: BAO_TOKEN");
  }

  @Test
  void aCloudKmsSealReplacesTheStaticKey() throws IOException {
    LoadResult loaded =
        load(
            """
            secrets:
              settings:
                seal: awskms
                seal.kms_key_id: alias/openbao
                seal.region: eu-west-1
        """);
    assertThat(loaded.errors()).as(loaded.ok() ? "" : loaded.report()).isEmpty();
    DesiredState kms = Renderer.standard().render(loaded.spec());
    JsonNode values =
        tree(kms.objects().stream()
                .filter(
                    o -> o.key().kind().equals("Application") && o.key().name().equals("openbao"))
                .findFirst()
                .orElseThrow())
            .at("/spec/source/helm/valuesObject/server");
    assertThat(values.at("/ha/raft/config").asText())
        .contains(
            "seal \"awskms\" {\n  kms_key_id = \"alias/openbao\"\n  region = \"eu-west-1\"\n}")
        .doesNotContain("openbao-unseal-key");
    assertThat(values.has("extraVolumes")).isFalse();
  }

  @Test
  void anUnknownSealOrAKmsWithoutParametersIsAnError() throws IOException {
    SpecError unknown =
        load("""
            secrets: {settings: {seal: shamir}}
        """)
            .errors()
            .get(0);
    assertThat(unknown.fieldPath()).isEqualTo("spec.components.secrets.settings.seal");
    assertThat(unknown.message()).contains("static, awskms, gcpckms, azurekeyvault");
    SpecError bare =
        load("""
            secrets: {settings: {seal: gcpckms}}
        """)
            .errors()
            .get(0);
    assertThat(bare.message()).contains("seal.<parameter>", "openbao-unseal-key");
  }

  private static LoadResult load(String secrets) throws IOException {
    String full;
    try (InputStream in = OpenBaoBootstrapTest.class.getResourceAsStream("/profiles/full.yaml")) {
      full = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return SpecLoader.loadStrings(
        Map.of("full.yaml", full.replace("  components:\n", "  components:\n" + secrets)));
  }

  private DesiredObject find(String kind, String name) {
    return state.objects().stream()
        .filter(o -> o.key().kind().equals(kind) && o.key().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static JsonNode tree(DesiredObject object) {
    return Manifests.mapper().valueToTree(object.object());
  }
}
