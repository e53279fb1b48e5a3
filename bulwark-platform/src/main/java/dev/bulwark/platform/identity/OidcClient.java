package dev.bulwark.platform.identity;

import java.util.List;

/**
 * One OIDC client of the platform's realm and the UI that uses it: the one record that both the
 * realm and the UI's settings are rendered from, so they cannot disagree.
 *
 * @param clientId the client id in the realm and in the UI's settings
 * @param name a human-readable name
 * @param baseUrl the UI's address
 * @param redirectUris where the provider may send the user back to
 * @param confidential whether the client authenticates with a secret; kubelogin is public
 */
public record OidcClient(
    String clientId, String name, String baseUrl, List<String> redirectUris, boolean confidential) {

  public OidcClient {
    redirectUris = List.copyOf(redirectUris);
  }

  /**
   * The Secret (same name in the UI's and Keycloak's namespaces) whose key {@link #SECRET_KEY}
   * holds the client secret.
   */
  public String secretName() {
    return "oidc-" + clientId;
  }

  /** The path of the client secret in the platform's secret store. */
  public String storePath() {
    return "platform/oidc/" + clientId;
  }

  public static final String SECRET_KEY = "clientSecret";
}
