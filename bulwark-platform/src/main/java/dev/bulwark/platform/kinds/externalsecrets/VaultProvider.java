package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import dev.bulwark.platform.kinds.ResourceFields;
import java.util.Map;

/**
 * A store backed by a Vault-compatible server (OpenBao), logged in to with a Kubernetes
 * ServiceAccount token.
 *
 * @param server the server's URL
 * @param path the KV mount
 * @param version the KV engine's version, {@code v1} or {@code v2}
 * @param authMountPath where the server's Kubernetes auth method is mounted
 * @param role the server's role the ServiceAccount logs in as
 * @param serviceAccountRef the ServiceAccount whose token logs in
 */
public record VaultProvider(
    String server,
    String path,
    String version,
    String authMountPath,
    String role,
    ServiceAccountRef serviceAccountRef)
    implements ResourceFields {

  public VaultProvider {
    Required.text(server, "SecretStore spec.provider.vault.server");
    Required.text(authMountPath, "SecretStore spec.provider.vault.auth.kubernetes.mountPath");
    Required.text(role, "SecretStore spec.provider.vault.auth.kubernetes.role");
    Required.present(
        serviceAccountRef, "SecretStore spec.provider.vault.auth.kubernetes.serviceAccountRef");
  }

  /** The {@code provider} field of a store: {@code {vault: {...}}}. */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> kubernetes =
        FieldMap.create()
            .put("mountPath", authMountPath)
            .put("role", role)
            .put("serviceAccountRef", serviceAccountRef)
            .build();
    return FieldMap.create()
        .put(
            "vault",
            FieldMap.create()
                .put("server", server)
                .put("path", path)
                .put("version", version)
                .put("auth", Map.of("kubernetes", kubernetes))
                .build())
        .build();
  }

  /**
   * The ServiceAccount whose token logs in.
   *
   * @param namespace its namespace; null for the store's own (only a ClusterSecretStore must name
   *     one)
   */
  public record ServiceAccountRef(String name, String namespace) implements ResourceFields {

    public ServiceAccountRef {
      Required.text(name, "SecretStore serviceAccountRef.name");
    }

    @Override
    public Map<String, Object> toMap() {
      return FieldMap.create().put("name", name).put("namespace", namespace).build();
    }
  }
}
