package dev.bulwark.console;

import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How one console runs.
 *
 * @param port the port on {@code bindAddress} (0: a free one)
 * @param bindAddress where to listen
 * @param publicUrl the URL browsers reach the console at; the OIDC redirect URI is derived from it,
 *     and session cookies are {@code Secure} when it is https
 * @param issuer the OIDC issuer (the platform's Keycloak realm)
 * @param clientId the console's OIDC client
 * @param clientSecret the client's secret, if it is a confidential client
 * @param usernameClaim the ID token claim that names the user, as the API server's OIDC flags
 * @param groupsClaim the ID token claim that lists the user's groups
 * @param usernamePrefix what the API server's {@code --oidc-username-prefix} puts before the user
 * @param groupPrefix what the API server's {@code --oidc-groups-prefix} puts before each group (the
 *     Platform's {@code identity.groupPrefix}, which the tenants' RoleBindings name)
 * @param cluster the console's own identity, which must be allowed to impersonate users and groups
 * @param gitops the GitOps repository and branch approvals commit to, if approvals are enabled
 */
public record ConsoleConfig(
    int port,
    String bindAddress,
    URI publicUrl,
    URI issuer,
    String clientId,
    Optional<String> clientSecret,
    String usernameClaim,
    String groupsClaim,
    String usernamePrefix,
    String groupPrefix,
    Config cluster,
    Optional<GitOps> gitops) {

  /** The GitOps repository (a URL or a path) and the branch Argo CD syncs. */
  public record GitOps(String repository, String branch) {}

  public ConsoleConfig {
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(cluster, "cluster");
    usernamePrefix = Objects.requireNonNullElse(usernamePrefix, "");
    groupPrefix = Objects.requireNonNullElse(groupPrefix, "");
  }

  /**
   * A console on {@code 127.0.0.1:port} with the defaults of {@code bulwark console}: client {@code
   * bulwark-console}, public client, {@code preferred_username} and {@code groups} claims, {@code
   * oidc:} prefixes.
   */
  public static ConsoleConfig onLoopback(
      int port, URI issuer, Config cluster, Optional<GitOps> gitops) {
    return new ConsoleConfig(
        port,
        "127.0.0.1",
        URI.create("http://127.0.0.1:" + port + "/"),
        issuer,
        "bulwark-console",
        Optional.empty(),
        "preferred_username",
        "groups",
        "oidc:",
        "oidc:",
        cluster,
        gitops);
  }

  /** Where the issuer sends the browser back with the authorization code. */
  public URI redirectUri() {
    return publicUrl.resolve("/callback");
  }

  boolean secureCookies() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }
}
