package dev.bulwark.platform.kinds.externalsecrets;

/**
 * The two kinds of secret store: one namespace's, or the cluster's (with conditions on who may use
 * it).
 */
public enum StoreKind {
  SECRET_STORE("SecretStore"),
  CLUSTER_SECRET_STORE("ClusterSecretStore");

  private final String kind;

  StoreKind(String kind) {
    this.kind = kind;
  }

  /** The kind's name in the API. */
  public String kind() {
    return kind;
  }
}
