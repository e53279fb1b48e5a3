package dev.bulwark.platform.secrets;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenBao's server configuration, so that it initialises and unseals itself with no person
 * holding a root token or unseal keys:
 *
 * <ul>
 *   <li>an auto-unseal {@code seal} stanza: a cloud KMS when {@code
 *       spec.components.secrets.settings.seal} names one ({@code awskms}, {@code gcpckms}, {@code
 *       azurekeyvault}, with its parameters as {@code seal.<parameter>} settings), else the static
 *       key in the Secret {@value #UNSEAL_KEY_SECRET};
 *   <li>a self-initialisation ({@code initialize}) that runs once on empty storage: it enables
 *       Kubernetes auth and the KV mount, and lets only the configuration Job's ServiceAccount log in
 *       with the bootstrap policy. The root token it runs with is revoked by OpenBao afterwards.
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
  /** The Secret (key {@code key}) with the static seal's 32-byte key, created once by an administrator. */
  public static final String UNSEAL_KEY_SECRET = "openbao-unseal-key";
  /** The role and policy the OpenBao configuration Job logs in with, and its ServiceAccount. */
  public static final String BOOTSTRAP_ROLE = "bulwark-bootstrap";
  public static final String CONFIG_SERVICE_ACCOUNT = "bulwark-openbao-config";
  static final int REPLICAS = 3;

  private OpenBaoServer() {}

  /** The chart values of the server: HA on Raft, the seal, and the self-initialisation. */
  static Map<String, Object> values(Component secrets, String namespace) {
    Map<String, Object> server = Values.map(
        "ha", Values.map("enabled", true, "replicas", REPLICAS,
            "raft", Values.map("enabled", true, "setNodeId", true, "config", config(secrets, namespace))));
    if (seal(secrets).equals("static")) {
      server.put("extraVolumes", Values.list(Values.map("type", "secret", "name", UNSEAL_KEY_SECRET)));
    }
    return Values.map("server", server, "injector", Values.map("enabled", false));
  }

  static String seal(Component secrets) {
    return secrets.setting(SEAL_SETTING, "static");
  }

  /** The server's HCL configuration. */
  static String config(Component secrets, String namespace) {
    List<String> lines = new ArrayList<>(List.of(
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
      lines.add("    leader_api_addr = \"http://openbao-" + i + ".openbao-internal." + namespace + ".svc:8200\"");
      lines.add("  }");
    }
    lines.add("}");
    lines.add("service_registration \"kubernetes\" {}");
    lines.addAll(sealStanza(secrets));
    lines.addAll(initialize(namespace));
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
      secrets.settings().forEach((key, value) -> {
        if (key.startsWith(SEAL_SETTING + ".")) {
          parameters.put(key.substring(SEAL_SETTING.length() + 1), value);
        }
      });
      parameters.forEach((key, value) -> lines.add("  " + key + " = " + quote(value)));
    }
    lines.add("}");
    return lines;
  }

  /** Runs once, on empty storage, with a root token OpenBao revokes when it is done. */
  private static List<String> initialize(String namespace) {
    return List.of(
        "initialize \"bulwark\" {",
        request("kv", "sys/mounts/" + PlatformSecrets.KV_MOUNT, "type = \"kv\"\n    options = { version = \"2\" }"),
        request("kubernetes-auth", "sys/auth/" + OpenBao.AUTH_MOUNT, "type = \"kubernetes\""),
        request("kubernetes-auth-config", "auth/" + OpenBao.AUTH_MOUNT + "/config", "kubernetes_host = \"https://kubernetes.default.svc\""),
        request("bootstrap-policy", "sys/policies/acl/" + BOOTSTRAP_ROLE, "policy = " + quote(bootstrapPolicy())),
        request("bootstrap-role", "auth/" + OpenBao.AUTH_MOUNT + "/role/" + BOOTSTRAP_ROLE,
            "bound_service_account_names = [" + quote(CONFIG_SERVICE_ACCOUNT) + "]\n"
                + "    bound_service_account_namespaces = [" + quote(namespace) + "]\n"
                + "    policies = [" + quote(BOOTSTRAP_ROLE) + "]\n"
                + "    ttl = \"15m\""),
        "}");
  }

  private static String request(String name, String path, String data) {
    return "  request \"" + name + "\" {\n"
        + "    operation = \"update\"\n"
        + "    path = \"" + path + "\"\n"
        + "    data = {\n      " + data.replace("\n    ", "\n      ") + "\n    }\n"
        + "  }";
  }

  /**
   * What the configuration Job may do: enable mounts and auth methods, write policies and
   * Kubernetes roles, and create the platform's generated secrets. It cannot read tenants' secrets.
   */
  static String bootstrapPolicy() {
    String kv = PlatformSecrets.KV_MOUNT;
    return String.join("\n",
        "path \"sys/auth/*\" { capabilities = [\"create\", \"read\", \"update\", \"sudo\"] }",
        "path \"sys/mounts/*\" { capabilities = [\"create\", \"read\", \"update\", \"sudo\"] }",
        "path \"sys/policies/acl/*\" { capabilities = [\"create\", \"read\", \"update\", \"list\"] }",
        "path \"auth/" + OpenBao.AUTH_MOUNT + "/*\" { capabilities = [\"create\", \"read\", \"update\", \"list\"] }",
        "path \"" + kv + "/data/platform/*\" { capabilities = [\"create\", \"read\", \"update\"] }",
        "path \"" + kv + "/metadata/platform/*\" { capabilities = [\"read\", \"list\"] }",
        "");
  }

  /** An HCL string literal. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
