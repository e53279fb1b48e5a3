package dev.bulwark.cli.mirror;

import dev.bulwark.policy.registry.RegistryChallenge;
import dev.bulwark.policy.registry.RegistryCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks an OCI distribution registry whether it holds a manifest: {@code HEAD
 * /v2/<name>/manifests/<reference>}, answering a 401 the way docker and crane do (a bearer token
 * from the realm its {@code WWW-Authenticate} names, or basic credentials).
 */
final class RegistryClient implements MirrorCheck.Manifests {

  /** Every manifest type a mirror may hold: OCI and Docker, single images and indexes. */
  static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;
  private final Optional<RegistryCredentials> credentials;

  /** The Authorization header that last worked, per repository, so each token is fetched once. */
  private final Map<String, String> authorizations = new HashMap<>();

  /**
   * @param base the registry's address, {@code https://host[:port]} (or {@code http://} for a
   *     registry that serves plain HTTP)
   */
  RegistryClient(URI base, HttpClient http, Optional<RegistryCredentials> credentials) {
    this.base = base;
    this.http = http;
    this.credentials = credentials;
  }

  /**
   * @throws IOException when the registry cannot be reached at all (no connection, TLS refused)
   */
  @Override
  public MirrorCheck.Answer head(String name, String reference) throws IOException {
    URI uri = base.resolve("/v2/" + name + "/manifests/" + reference);
    HttpResponse<Void> response = send(uri, authorizations.get(name));
    if (response.statusCode() == 401) {
      Optional<String> authorization =
          RegistryChallenge.authorization(
              http,
              TIMEOUT,
              response.headers().firstValue("WWW-Authenticate").orElse(""),
              name,
              credentials);
      if (authorization.isPresent()) {
        authorizations.put(name, authorization.get());
        response = send(uri, authorization.get());
      }
    }
    return new MirrorCheck.Answer(
        response.statusCode(), response.headers().firstValue("Docker-Content-Digest"));
  }

  private HttpResponse<Void> send(URI uri, String authorization) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", ACCEPT)
            .timeout(TIMEOUT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + uri, e);
    }
  }
}
