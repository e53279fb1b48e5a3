package dev.bulwark.platform.secrets;

import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.model.TenantModel;
import java.util.List;

/**
 * OpenBao's layout as Bulwark configures it: one KV v2 mount, a path per tenant, a policy per
 * tenant that can only read that path, and a Kubernetes-auth role per tenant that only the tenant's
 * namespaces can log in to.
 */
public final class OpenBao {

  public static final String AUTH_MOUNT = OpenBaoPaths.AUTH_MOUNT;

  /** The ServiceAccount in each tenant namespace that its SecretStore logs in as. */
  public static final String TENANT_SERVICE_ACCOUNT = "bulwark-secrets";

  public static final String PLATFORM_ROLE = "bulwark-platform";

  private OpenBao() {}

  public static String address(Stack stack) {
    return "http://openbao."
        + stack.require("secrets").install("openbao").namespace()
        + ".svc:8200";
  }

  public static String tenantRole(String tenant) {
    return "tenant-" + tenant;
  }

  /**
   * The role of a tenant's CI namespace ({@link dev.bulwark.platform.stack.TenantCi}): its own, so
   * that pipelines' store reads the registry robot and the webhook secret, not the tenant's
   * application secrets.
   */
  public static String ciRole(String tenant) {
    return "ci-" + tenant;
  }

  /**
   * What a tenant's CI namespace may read: its registry robot account, its CI secrets, and the
   * platform's signing key, which its sign stage signs with (ADR 0040).
   */
  public static String ciPolicy(String tenant) {
    return "path \""
        + OpenBaoPaths.data(OpenBaoPaths.registryRobot(tenant))
        + "\" {\n  capabilities = [\"read\"]\n}\n"
        + "path \""
        + OpenBaoPaths.data(OpenBaoPaths.tenant(tenant) + "/ci/*")
        + "\" {\n  capabilities = [\"read\"]\n}\n"
        + "path \""
        + OpenBaoPaths.data(OpenBaoPaths.SIGNING_KEY)
        + "\" {\n  capabilities = [\"read\"]\n}\n";
  }

  /** The store path prefix of a tenant, relative to the mount. */
  public static String tenantPath(String tenant) {
    return OpenBaoPaths.tenant(tenant);
  }

  /** The policy of a tenant: read its own path, list its own metadata, nothing else. */
  public static String tenantPolicy(String tenant) {
    return policy(tenantPath(tenant));
  }

  public static String platformPolicy() {
    return policy(OpenBaoPaths.PLATFORM);
  }

  private static String policy(String prefix) {
    return "path \""
        + OpenBaoPaths.data(prefix + "/*")
        + "\" {\n  capabilities = [\"read\"]\n}\n"
        + "path \""
        + OpenBaoPaths.metadata(prefix + "/*")
        + "\" {\n  capabilities = [\"read\", \"list\"]\n}\n";
  }

  /** The namespaces allowed to log in to a tenant's role. */
  public static List<String> tenantNamespaces(TenantModel tenant) {
    return tenant.namespaces();
  }
}
