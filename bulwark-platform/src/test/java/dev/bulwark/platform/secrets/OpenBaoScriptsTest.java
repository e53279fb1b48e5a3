package dev.bulwark.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.platform.stack.ScriptRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenBao's initialisation and configuration scripts, run with a real shell against a fake {@code
 * bao}.
 */
class OpenBaoScriptsTest {

  private static final String UNINITIALISED =
      "{\\n  \"initialized\": false,\\n  \"sealed\": true\\n}\\n";
  private static final String INITIALISED =
      "{\\n  \"initialized\": true,\\n  \"sealed\": false\\n}\\n";

  private static ScriptRun init(Path dir) {
    return new ScriptRun(OpenBaoServer.class, "openbao-init.sh", dir, "bao", "sleep")
        .file("bootstrap-policy.hcl", OpenBaoServer.bootstrapPolicy())
        .env("KV_MOUNT", "secret")
        .env("AUTH_MOUNT", "kubernetes")
        .env("BOOTSTRAP_ROLE", "bulwark-bootstrap")
        .env("CONFIG_ACCOUNT", "bulwark-openbao-config")
        .env("CONFIG_NAMESPACE", "openbao")
        .env("KUBERNETES_SERVICE_HOST", "10.0.0.1")
        .env("KUBERNETES_SERVICE_PORT", "443");
  }

  @Test
  void initialisesANewClusterOnceAndRevokesTheRootToken(@TempDir Path dir) {
    ScriptRun run =
        init(dir)
            // Unreachable twice (exit 1), then up and uninitialised (sealed: exit 2).
            .once("bao status -format=json", 1, "")
            .once("bao status -format=json", 1, "")
            .once("bao status -format=json", 2, UNINITIALISED)
            .always(
                "bao operator init *",
                0,
                "{\"unseal_keys_b64\": [],\\n \"recovery_keys_b64\": [\"cmVjb3Zlcnk=\"],\\n \"root_token\": \"s.root-token\"\\n}\\n");
    ScriptRun.Result first = run.run();

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.calls())
        .containsSubsequence(
            "bao status -format=json",
            "bao status -format=json",
            "bao status -format=json",
            "bao operator init -recovery-shares=1 -recovery-threshold=1 -format=json",
            "bao secrets enable -path=secret kv-v2 [token=s.root-token]",
            "bao auth enable -path=kubernetes kubernetes [token=s.root-token]",
            "bao policy write bulwark-bootstrap "
                + run.config().resolve("bootstrap-policy.hcl")
                + " [token=s.root-token]",
            "bao write auth/kubernetes/role/bulwark-bootstrap bound_service_account_names=bulwark-openbao-config"
                + " bound_service_account_namespaces=openbao policies=bulwark-bootstrap ttl=15m [token=s.root-token]",
            "bao token revoke -self [token=s.root-token]");
    assertThat(first.calls()).filteredOn(c -> c.startsWith("sleep")).hasSize(2);
    assertThat(first.stdout() + first.stderr())
        .doesNotContain("s.root-token")
        .doesNotContain("cmVjb3Zlcnk=");

    ScriptRun.Result again = run.reset().always("bao status -format=json", 0, INITIALISED).run();
    assertThat(again.exitCode()).isZero();
    assertThat(again.calls()).containsExactly("bao status -format=json");
    assertThat(again.stdout()).contains("nothing to do");
  }

  @Test
  void stopsAtTheFirstFailureBeforeRevokingTheToken(@TempDir Path dir) {
    ScriptRun.Result result =
        init(dir)
            .always("bao status -format=json", 2, UNINITIALISED)
            .always("bao operator init *", 0, "{\"root_token\": \"s.root-token\"}\\n")
            .always("bao auth enable *", 2, "")
            .run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.calls())
        .anyMatch(c -> c.startsWith("bao auth enable"))
        .noneMatch(c -> c.startsWith("bao policy write") || c.startsWith("bao token revoke"));
  }

  @Test
  void stopsWhenInitialisationGivesNoRootToken(@TempDir Path dir) {
    ScriptRun.Result result =
        init(dir)
            .always("bao status -format=json", 2, UNINITIALISED)
            .always("bao operator init *", 2, "")
            .run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("no root token");
    assertThat(result.calls()).noneMatch(c -> c.startsWith("bao secrets enable"));
  }

  private static ScriptRun config(Path dir) {
    return new ScriptRun(SecretsUnit.class, "openbao-config.sh", dir, "bao")
        .file("policy-tenant-shop.hcl", OpenBao.tenantPolicy("shop"))
        .file("role-tenant-shop", "shop-dev,shop-prod\nbulwark-secrets\n")
        .file(
            "generated-secrets",
            "platform/oidc/grafana\n\nplatform/logs/writer password username=bulwark_writer\n")
        .env("KV_MOUNT", "secret")
        .env("AUTH_MOUNT", "kubernetes")
        .env("BOOTSTRAP_ROLE", "bulwark-bootstrap")
        .env("KUBERNETES_SERVICE_HOST", "10.0.0.1")
        .env("KUBERNETES_SERVICE_PORT", "443")
        .always("bao write -field=token auth/kubernetes/login *", 0, "s.config-token");
  }

  @Test
  void configuresPoliciesRolesAndGeneratesMissingSecretsOnce(@TempDir Path dir) {
    ScriptRun run = config(dir).always("bao kv get *", 2, "");
    ScriptRun.Result first = run.run();

    assertThat(first.exitCode()).as(first.stderr()).isZero();
    Path config = run.config();
    assertThat(first.calls())
        .first()
        .asString()
        .isEqualTo(
            "bao write -field=token auth/kubernetes/login role=bulwark-bootstrap jwt=@"
                + dir.resolve("token"));
    // The API server as the kubelet tells every Pod: no cluster DNS needed, and the real-engine
    // test (SecretsEnginesTest) points it at its own API server the same way.
    assertThat(first.calls())
        .anyMatch(
            c ->
                c.startsWith(
                    "bao write auth/kubernetes/config kubernetes_host=https://10.0.0.1:443"));
    assertThat(first.calls())
        .containsSubsequence(
            "bao policy write tenant-shop "
                + config.resolve("policy-tenant-shop.hcl")
                + " [token=s.config-token]",
            "bao write auth/kubernetes/role/tenant-shop bound_service_account_names=bulwark-secrets"
                + " bound_service_account_namespaces=shop-dev,shop-prod policies=tenant-shop ttl=15m [token=s.config-token]");
    assertThat(first.calls())
        .filteredOn(c -> c.startsWith("bao kv put"))
        .hasSize(2)
        .anyMatch(
            c ->
                c.matches(
                    "bao kv put -mount=secret platform/oidc/grafana clientSecret=[0-9a-f]{64} \\[token=s.config-token]"))
        .anyMatch(
            c ->
                c.matches(
                    "bao kv put -mount=secret platform/logs/writer password=[0-9a-f]{64} username=bulwark_writer \\[token=.*"));
    assertThat(first.stdout()).isEmpty();

    // Re-run with the secrets in place: policies and roles are written again, no secret is
    // replaced.
    ScriptRun.Result again =
        run.reset()
            .always("bao write -field=token auth/kubernetes/login *", 0, "s.config-token")
            .always("bao kv get *", 0, "")
            .run();
    assertThat(again.exitCode()).isZero();
    assertThat(again.calls())
        .anyMatch(c -> c.startsWith("bao policy write tenant-shop"))
        .noneMatch(c -> c.startsWith("bao kv put"));
  }

  @Test
  void failsWhenItCannotLogIn(@TempDir Path dir) {
    ScriptRun.Result result = config(dir).reset().always("bao write -field=token *", 2, "").run();

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.calls()).hasSize(1);
  }
}
