package dev.bulwark.cli.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
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
          authorize(response.headers().firstValue("WWW-Authenticate").orElse(""), name);
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

  /**
   * The Authorization header that answers a challenge: a bearer token fetched from its realm (with
   * the credentials, when there are some, as the token server's basic auth), or the credentials
   * themselves for a basic challenge. Empty when the challenge cannot be answered.
   */
  private Optional<String> authorize(String challenge, String name) throws IOException {
    Map<String, String> params = challengeParameters(challenge);
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return credentials.map(RegistryCredentials::basic);
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6) || !params.containsKey("realm")) {
      return Optional.empty();
    }
    StringBuilder query = new StringBuilder();
    if (params.containsKey("service")) {
      query.append("service=").append(encode(params.get("service"))).append('&');
    }
    query.append("scope=").append(encode(params.getOrDefault("scope", scope(name))));
    URI realm = URI.create(params.get("realm") + "?" + query);
    HttpRequest.Builder request = HttpRequest.newBuilder(realm).GET().timeout(TIMEOUT);
    credentials.ifPresent(c -> request.header("Authorization", c.basic()));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + realm + " for a token", e);
    }
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode body = new ObjectMapper().readTree(response.body());
    String token = body.path("token").asText(body.path("access_token").asText(""));
    return token.isEmpty() ? Optional.empty() : Optional.of("Bearer " + token);
  }

  /** The pull scope of a repository, as the token servers of docker and crane ask for it. */
  static String scope(String name) {
    return "repository:" + name + ":pull";
  }

  /** The {@code key="value"} parameters of a {@code WWW-Authenticate} challenge, in order. */
  static Map<String, String> challengeParameters(String challenge) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = PARAM.matcher(challenge);
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2));
    }
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
