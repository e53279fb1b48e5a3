package dev.bulwark.policy.registry;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a registry's 401 the way docker and crane do: for a {@code Basic} challenge, the
 * credentials themselves; for a {@code Bearer} challenge, a token from the realm it names, asked
 * for with the credentials (when there are some) as the token server's basic authentication, or
 * anonymously. One implementation for the mirror check and the webhook's signature reads.
 *
 * <p>Credentials never travel in clear text to another host: they go only to an {@code https}
 * realm, or to a loopback one (a registry served on the same machine).
 */
public final class RegistryChallenge {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private RegistryChallenge() {}

  /**
   * The {@code Authorization} header that answers {@code challenge} (a {@code WWW-Authenticate}
   * value) for pulls of {@code repository}, or empty when it cannot be answered.
   *
   * @throws IOException when the token server cannot be reached
   */
  public static Optional<String> authorization(
      HttpClient http,
      Duration timeout,
      String challenge,
      String repository,
      Optional<RegistryCredentials> credentials)
      throws IOException {
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return credentials.map(RegistryCredentials::basic);
    }
    Map<String, String> params = parameters(challenge);
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6) || !params.containsKey("realm")) {
      return Optional.empty();
    }
    URI realm = realm(params, repository);
    HttpRequest.Builder request = HttpRequest.newBuilder(realm).GET().timeout(timeout);
    if (credentials.isPresent() && safeForCredentials(realm)) {
      request.header("Authorization", credentials.get().basic());
    }
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
  public static String scope(String repository) {
    return "repository:" + repository + ":pull";
  }

  /** The {@code key="value"} parameters of a {@code WWW-Authenticate} challenge, in order. */
  public static Map<String, String> parameters(String challenge) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = PARAM.matcher(challenge);
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2));
    }
    return params;
  }

  /** Whether credentials may be sent to {@code uri}: over TLS, or to this machine. */
  public static boolean safeForCredentials(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    return "https".equalsIgnoreCase(uri.getScheme())
        || host.equals("localhost")
        || host.equals("127.0.0.1")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static URI realm(Map<String, String> params, String repository) {
    StringBuilder query = new StringBuilder();
    if (params.containsKey("service")) {
      query.append("service=").append(encode(params.get("service"))).append('&');
    }
    query.append("scope=").append(encode(params.getOrDefault("scope", scope(repository))));
    return URI.create(params.get("realm") + "?" + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
