package dev.bulwark.console;

import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
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
 * @param issuerCa CAs trusted for the issuer's HTTPS in addition to the JVM's ({@link IssuerCa})
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
    Optional<GitOps> gitops,
    List<X509Certificate> issuerCa) {

  /**
   * The path of the redirect URI: the one the platform's realm registers for the console client
   * ({@code https://console.<domain>/oauth2/callback}), so that the rendered realm admits it.
   */
  public static final String CALLBACK_PATH = "/oauth2/callback";

  /** The GitOps repository (a URL or a path) and the branch Argo CD syncs. */
  public record GitOps(String repository, String branch) {}

  public ConsoleConfig {
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(cluster, "cluster");
    usernamePrefix = Objects.requireNonNullElse(usernamePrefix, "");
    groupPrefix = Objects.requireNonNullElse(groupPrefix, "");
    issuerCa = List.copyOf(Objects.requireNonNullElse(issuerCa, List.of()));
  }

  /** This console, trusting {@code cas} for the issuer in addition to the JVM's CAs. */
  public ConsoleConfig withIssuerCa(List<X509Certificate> cas) {
    return new ConsoleConfig(
        port,
        bindAddress,
        publicUrl,
        issuer,
        clientId,
        clientSecret,
        usernameClaim,
        groupsClaim,
        usernamePrefix,
        groupPrefix,
        cluster,
        gitops,
        cas);
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
        gitops,
        List.of());
  }

  /** Names where it runs and logs in; never the client secret (a record would print it). */
  @Override
  public String toString() {
    return "ConsoleConfig[publicUrl="
        + publicUrl
        + ", issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret.isPresent() ? "(set)" : "(none)")
        + ", issuerCa="
        + issuerCa.size()
        + " certificate(s)]";
  }

  /** Where the issuer sends the browser back with the authorization code. */
  public URI redirectUri() {
    return publicUrl.resolve(CALLBACK_PATH);
  }

  boolean secureCookies() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }
}
