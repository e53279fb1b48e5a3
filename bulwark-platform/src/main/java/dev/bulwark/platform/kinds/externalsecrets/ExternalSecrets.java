package dev.bulwark.platform.kinds.externalsecrets;

/** Facts of External Secrets Operator's API that its typed models share. */
public final class ExternalSecrets {

  /** The apiVersion of ExternalSecret, SecretStore and ClusterSecretStore. */
  public static final String API_VERSION = "external-secrets.io/v1";

  private ExternalSecrets() {}
}
