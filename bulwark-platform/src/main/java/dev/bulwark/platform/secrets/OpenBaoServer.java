package dev.bulwark.platform.secrets;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ConfigJob;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenBao's server configuration and its one-time initialisation, so that it unseals itself and
 * nobody holds a root token or unseal keys:
 *
 * <ul>
 *   <li>an auto-unseal {@code seal} stanza: a cloud KMS when {@code
 *       spec.components.secrets.settings.seal} names one ({@code awskms}, {@code gcpckms}, {@code
 *       azurekeyvault}, with its parameters as {@code seal.<parameter>} settings), else the static
 *       key in the Secret {@value #UNSEAL_KEY_SECRET};
 *   <li>an idempotent initialisation Job: on a new cluster it initialises the first node (the
 *       others join it through Raft's {@code retry_join}), enables Kubernetes auth and the KV
 *       mount, lets only the configuration Job's ServiceAccount log in with the bootstrap policy,
 *       and revokes the root token; on an initialised cluster it does nothing. The root token lives
 *       only in the Job's shell; recovery keys are discarded, as OpenBao's own self-initialisation
 *       does. (The {@code initialize} stanza would do the same inside the server, but with several
 *       Raft nodes starting together each may initialise its own cluster: openbao/openbao#2274.)
 * </ul>
 *
 * <p>The one manual step: with the static seal, an administrator creates the 32-byte unseal key
 * once ({@code kubectl -n <openbao namespace> create secret generic openbao-unseal-key
 * --from-file=key=<(openssl rand 32)}). It decrypts everything OpenBao stores, so it cannot come
 * from the Git tree, and generating it inside the cluster would store it next to the data it
 * protects; a cloud KMS removes the step.
 */
public final class OpenBaoServer {

  public static final String SEAL_SETTING = "seal";
  public static final List<String> SEALS = List.of("static", "awskms", "gcpckms", "azurekeyvault");

  /**
   * The Secret (key {@code key}) with the static seal's 32-byte key, created once by an
   * administrator.
   */
  public static final String UNSEAL_KEY_SECRET = "openbao-unseal-key";

  /** The role and policy the OpenBao configuration Job logs in with, and its ServiceAccount. */
  public static final String BOOTSTRAP_ROLE = "bulwark-bootstrap";

  public static final String CONFIG_SERVICE_ACCOUNT = "bulwark-openbao-config";
  public static final String INIT_JOB = "bulwark-openbao-init";
  static final int REPLICAS = 3;
  static final String READINESS_PATH = "/v1/sys/health?standbyok=true&uninitcode=204";

  private OpenBaoServer() {}

  /** The chart values of the server: HA on Raft, the seal, and the self-initialisation. */
  static Map<String, Object> values(Component secrets, String namespace) {
    Map<String, Object> server =
        Values.map(
            "ha",
                Values.map(
                    "enabled",
                    true,
                    "replicas",
                    REPLICAS,
                    "raft",
                    Values.map(
                        "enabled", true, "setNodeId", true, "config", config(secrets, namespace))),
            // An uninitialised server counts as ready, so that the app of apps, which waits for
            // this
            // Application to be healthy, reaches the later wave of the initialisation Job; once
            // initialised, a sealed server is not ready (auto-unseal failed) and a standby is.
            "readinessProbe", Values.map("enabled", true, "path", READINESS_PATH),
            // The chart's default container context keeps the capabilities; the namespace is
            // restricted.
            "statefulSet",
                Values.map(
                    "securityContext",
                    Values.map(
                        "container",
                        Values.map(
                            "allowPrivilegeEscalation",
                            false,
                            "capabilities",
                            Values.map("drop", Values.list("ALL"))))));
    if (seal(secrets).equals("static")) {
      server.put(
          "extraVolumes", Values.list(Values.map("type", "secret", "name", UNSEAL_KEY_SECRET)));
    }
    return Values.map("server", server, "injector", Values.map("enabled", false));
  }

  static String seal(Component secrets) {
    return secrets.setting(SEAL_SETTING, "static");
  }

  /** The server's HCL configuration. */
  static String config(Component secrets, String namespace) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "ui = true",
                "listener \"tcp\" {",
                "  tls_disable = 1",
                "  address = \"[::]:8200\"",
                "  cluster_address = \"[::]:8201\"",
                "}",
                "storage \"raft\" {",
                "  path = \"/openbao/data\""));
    for (int i = 0; i < REPLICAS; i++) {
      lines.add("  retry_join {");
      lines.add(
          "    leader_api_addr = \"http://openbao-"
              + i
              + ".openbao-internal."
              + namespace
              + ".svc:8200\"");
      lines.add("  }");
    }
    lines.add("}");
    lines.add("service_registration \"kubernetes\" {}");
    lines.addAll(sealStanza(secrets));
    return String.join("\n", lines) + "\n";
  }

  private static List<String> sealStanza(Component secrets) {
    String seal = seal(secrets);
    List<String> lines = new ArrayList<>();
    lines.add("seal \"" + seal + "\" {");
    if (seal.equals("static")) {
      lines.add("  current_key_id = \"bulwark-1\"");
      lines.add("  current_key = \"file:///openbao/userconfig/" + UNSEAL_KEY_SECRET + "/key\"");
    } else {
      Map<String, String> parameters = new TreeMap<>();
      secrets
          .settings()
          .forEach(
              (key, value) -> {
                if (key.startsWith(SEAL_SETTING + ".")) {
                  parameters.put(key.substring(SEAL_SETTING.length() + 1), value);
                }
              });
      parameters.forEach((key, value) -> lines.add("  " + key + " = " + quote(value)));
    }
    lines.add("}");
    return lines;
  }

  /**
   * The initialisation Job, in the wave after OpenBao's Application and before the configuration
   * Job. Idempotent: it initialises only a cluster that is not, and then configures just what the
   * configuration Job needs to log in. If it fails between initialising and revoking the root
   * token, nothing can log in: on a new cluster, delete OpenBao's volumes and sync again.
   */
  static List<HasMetadata> initJob(Component secrets, String namespace) {
    Map<String, String> files = new TreeMap<>();
    files.put("bootstrap-policy.hcl", bootstrapPolicy());
    String image = secrets.install("openbao").image("openbao").reference();
    List<HasMetadata> job = new ArrayList<>();
    for (HasMetadata object :
        ConfigJob.of(
            INIT_JOB,
            namespace,
            image,
            INIT_SCRIPT,
            files,
            List.of(
                ConfigJob.env(
                    "BAO_ADDR", "http://openbao-0.openbao-internal." + namespace + ".svc:8200"),
                ConfigJob.env("KV_MOUNT", PlatformSecrets.KV_MOUNT),
                ConfigJob.env("AUTH_MOUNT", OpenBao.AUTH_MOUNT),
                ConfigJob.env("BOOTSTRAP_ROLE", BOOTSTRAP_ROLE),
                ConfigJob.env("CONFIG_ACCOUNT", CONFIG_SERVICE_ACCOUNT),
                ConfigJob.env("CONFIG_NAMESPACE", namespace)))) {
      job.add(CustomResource.withWave(object, SyncWave.SECRETS_INIT));
    }
    return job;
  }

  /**
   * {@code bao status} exits 0 when unsealed, 2 when sealed (an uninitialised server is sealed), 1
   * on error.
   */
  private static final String INIT_SCRIPT = Scripts.load(OpenBaoServer.class, "openbao-init.sh");

  /**
   * What the configuration Job may do: enable mounts and auth methods, write policies and
   * Kubernetes roles, and create the platform's generated secrets, among them each tenant's CI
   * webhook secret. It cannot read tenants' other secrets.
   */
  static String bootstrapPolicy() {
    return String.join(
        "\n",
        "path \"sys/auth/*\" { capabilities = [\"create\", \"read\", \"update\", \"sudo\"] }",
        "path \"sys/mounts/*\" { capabilities = [\"create\", \"read\", \"update\", \"sudo\"] }",
        "path \"sys/policies/acl/*\" { capabilities = [\"create\", \"read\", \"update\", \"list\"] }",
        "path \"auth/"
            + OpenBao.AUTH_MOUNT
            + "/*\" { capabilities = [\"create\", \"read\", \"update\", \"list\"] }",
        "path \""
            + OpenBaoPaths.data(OpenBaoPaths.PLATFORM + "/*")
            + "\" { capabilities = [\"create\", \"read\", \"update\"] }",
        "path \""
            + OpenBaoPaths.metadata(OpenBaoPaths.PLATFORM + "/*")
            + "\" { capabilities = [\"read\", \"list\"] }",
        "path \""
            + OpenBaoPaths.data(OpenBaoPaths.ciWebhook("+"))
            + "\" { capabilities = [\"create\", \"read\", \"update\"] }",
        "");
  }

  /** An HCL string literal. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
