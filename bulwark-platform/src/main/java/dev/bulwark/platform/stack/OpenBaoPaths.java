package dev.bulwark.platform.stack;

/**
 * Where Bulwark keeps things in OpenBao, and who may write there: the one source of these paths.
 * The secrets capability configures OpenBao from them and the capabilities that store or read
 * secrets (the registry's robot accounts, tenants' application secrets) address them through this
 * class; scripts receive them as environment variables or configuration files, never rebuilding
 * them.
 *
 * <p>It lives below both the registry and secrets packages so that neither imports the other.
 */
public final class OpenBaoPaths {

  /** The KV v2 mount that holds platform and tenant secrets. */
  public static final String KV_MOUNT = "secret";

  /** The mount of the Kubernetes auth method. */
  public static final String AUTH_MOUNT = "kubernetes";

  /** The store path prefix of platform credentials, relative to the mount. */
  public static final String PLATFORM = "platform";

  /** The role (and policy) Harbor's configuration Job logs in as, to store robot accounts. */
  public static final String REGISTRY_ROLE = "bulwark-harbor";

  /**
   * The ServiceAccount of Harbor's configuration Job, the only one bound to {@link #REGISTRY_ROLE}.
   */
  public static final String REGISTRY_SERVICE_ACCOUNT = "bulwark-harbor-config";

  private OpenBaoPaths() {}

  /** The store path prefix of a tenant, relative to the mount. */
  public static String tenant(String tenant) {
    return "tenants/" + tenant;
  }

  /** Where Harbor's configuration Job stores a tenant's robot account (name, secret). */
  public static String registryRobot(String tenant) {
    return tenant(tenant) + "/registry";
  }

  /** The API path of a secret's data in the KV v2 mount, as policies and the HTTP API name it. */
  public static String data(String path) {
    return KV_MOUNT + "/data/" + path;
  }

  /** The API path of a secret's metadata in the KV v2 mount. */
  public static String metadata(String path) {
    return KV_MOUNT + "/metadata/" + path;
  }

  /** The API path to log in with a Kubernetes ServiceAccount token. */
  public static String kubernetesLogin() {
    return "auth/" + AUTH_MOUNT + "/login";
  }

  /** Harbor's configuration Job may write every tenant's robot account, and nothing else. */
  public static String registryPolicy() {
    return "path \""
        + data(registryRobot("+"))
        + "\" {\n  capabilities = [\"create\", \"update\"]\n}\n";
  }
}
