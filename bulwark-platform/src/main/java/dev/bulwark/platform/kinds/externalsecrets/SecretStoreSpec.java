package dev.bulwark.platform.kinds.externalsecrets;

import dev.bulwark.platform.kinds.CustomResourceSpec;
import dev.bulwark.platform.kinds.FieldMap;
import dev.bulwark.platform.kinds.Required;
import java.util.List;
import java.util.Map;

/**
 * The spec of a SecretStore or a ClusterSecretStore (the two share it): the provider, and for a
 * ClusterSecretStore the namespaces that may use it.
 *
 * @param scope which of the two kinds
 * @param provider the Vault-compatible server and how to log in
 * @param namespacesWithLabel label keys: only namespaces that carry one of them may use the store;
 *     empty for every namespace. Only a ClusterSecretStore has conditions.
 */
public record SecretStoreSpec(
    StoreKind scope, VaultProvider provider, List<String> namespacesWithLabel)
    implements CustomResourceSpec {

  public SecretStoreSpec {
    Required.present(scope, "SecretStore kind");
    Required.present(provider, scope.kind() + " spec.provider");
    namespacesWithLabel = Required.list(namespacesWithLabel, scope.kind() + " spec.conditions");
    if (scope == StoreKind.SECRET_STORE && !namespacesWithLabel.isEmpty()) {
      throw new IllegalArgumentException(
          "SecretStore spec.conditions: only a ClusterSecretStore has conditions");
    }
    if (scope == StoreKind.CLUSTER_SECRET_STORE
        && provider.serviceAccountRef().namespace() == null) {
      throw new IllegalArgumentException(
          "ClusterSecretStore spec.provider.vault.auth.kubernetes.serviceAccountRef.namespace: required, got nothing");
    }
  }

  /** A namespace's own store. */
  public static SecretStoreSpec namespaced(VaultProvider provider) {
    return new SecretStoreSpec(StoreKind.SECRET_STORE, provider, null);
  }

  /** A store of the cluster that only namespaces with one of the label keys may use. */
  public static SecretStoreSpec cluster(VaultProvider provider, List<String> namespacesWithLabel) {
    return new SecretStoreSpec(StoreKind.CLUSTER_SECRET_STORE, provider, namespacesWithLabel);
  }

  @Override
  public String apiVersion() {
    return ExternalSecrets.API_VERSION;
  }

  @Override
  public String kind() {
    return scope.kind();
  }

  @Override
  public Map<String, Object> toMap() {
    List<Map<String, Object>> conditions =
        namespacesWithLabel.stream()
            .map(
                key ->
                    Map.<String, Object>of(
                        "namespaceSelector",
                        Map.of(
                            "matchExpressions",
                            List.of(
                                FieldMap.create()
                                    .put("key", key)
                                    .put("operator", "Exists")
                                    .build()))))
            .toList();
    return FieldMap.create()
        .put("provider", provider)
        .putIfNotEmpty("conditions", conditions)
        .build();
  }
}
