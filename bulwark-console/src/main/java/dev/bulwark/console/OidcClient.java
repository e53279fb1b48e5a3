package dev.bulwark.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The console's side of OpenID Connect: the authorization code flow with PKCE (S256) for a web
 * client. The issuer's endpoints come from its discovery document; the ID token's signature is
 * checked against the issuer's JWKS, and its issuer, audience, expiry and nonce against this login.
 */
final class OidcClient {

  /** Who the verified ID token says logged in. */
  record Identity(String user, List<String> groups) {}

  /** The issuer refused or the token did not verify; the message is safe to show. */
  static final class LoginFailed extends RuntimeException {
    LoginFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleConfig config;
  private final HttpClient http;
  private final Optional<SSLContext> issuerTls;
  private volatile Endpoints endpoints;

  private record Endpoints(
      URI authorization, URI token, DefaultJWTProcessor<SecurityContext> ids) {}

  OidcClient(ConsoleConfig config) {
    this.config = config;
    this.issuerTls =
        config.issuerCa().isEmpty()
            ? Optional.empty()
            : Optional.of(IssuerCa.trusting(config.issuerCa()));
    this.http =
        issuerTls
            .map(tls -> HttpClient.newBuilder().sslContext(tls).build())
            .orElseGet(HttpClient::newHttpClient);
  }

  /** Where to send the browser to log in. */
  URI authorizationUri(Sessions.PendingLogin login) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", config.clientId());
    query.put("redirect_uri", config.redirectUri().toString());
    query.put("scope", "openid profile email");
    query.put("state", login.state());
    query.put("nonce", login.nonce());
    query.put("code_challenge", challenge(login.verifier()));
    query.put("code_challenge_method", "S256");
    return URI.create(endpoints().authorization() + "?" + form(query));
  }

  /** Exchanges the code for tokens and verifies the ID token. */
  Identity exchange(String code, Sessions.PendingLogin login) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", config.redirectUri().toString());
    body.put("client_id", config.clientId());
    body.put("code_verifier", login.verifier());
    config.clientSecret().ifPresent(secret -> body.put("client_secret", secret));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoints().token())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        // the body may echo request parameters; only the status is reported
        throw new LoginFailed(
            "the issuer refused the authorization code (HTTP " + response.statusCode() + ")", null);
      }
      String idToken = JSON.readTree(response.body()).path("id_token").asText("");
      if (idToken.isEmpty()) {
        throw new LoginFailed("the issuer's token response has no id_token", null);
      }
      return identity(verify(idToken, login.nonce()));
    } catch (IOException e) {
      throw new LoginFailed("the issuer's token endpoint failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed("interrupted while exchanging the code", e);
    }
  }

  private JWTClaimsSet verify(String idToken, String nonce) {
    try {
      JWTClaimsSet claims = endpoints().ids().process(idToken, null);
      if (!nonce.equals(claims.getStringClaim("nonce"))) {
        throw new LoginFailed("the ID token's nonce is not this login's", null);
      }
      return claims;
    } catch (java.text.ParseException
        | com.nimbusds.jose.proc.BadJOSEException
        | com.nimbusds.jose.JOSEException e) {
      throw new LoginFailed("the ID token did not verify: " + e.getMessage(), e);
    }
  }

  private Identity identity(JWTClaimsSet claims) {
    Object user = claims.getClaim(config.usernameClaim());
    if (!(user instanceof String name) || name.isBlank()) {
      throw new LoginFailed("the ID token has no " + config.usernameClaim() + " claim", null);
    }
    Object groups = claims.getClaim(config.groupsClaim());
    List<String> names =
        groups instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    return new Identity(name, names);
  }

  private Endpoints endpoints() {
    Endpoints known = endpoints;
    if (known == null) {
      known = discover();
      endpoints = known;
    }
    return known;
  }

  private Endpoints discover() {
    String base = config.issuer().toString().replaceAll("/+$", "");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new LoginFailed(
            "the issuer's discovery document answered HTTP " + response.statusCode(), null);
      }
      JsonNode doc = JSON.readTree(response.body());
      DefaultJWTProcessor<SecurityContext> ids = new DefaultJWTProcessor<>();
      ids.setJWSKeySelector(
          new JWSVerificationKeySelector<>(
              Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256),
              JWKSourceBuilder.create(
                      URI.create(doc.path("jwks_uri").asText()).toURL(), jwksRetriever())
                  .build()));
      ids.setJWTClaimsSetVerifier(
          new DefaultJWTClaimsVerifier<>(
              config.clientId(),
              new JWTClaimsSet.Builder().issuer(doc.path("issuer").asText()).build(),
              Set.of("sub", "iat", "exp", "nonce")));
      if (!doc.path("issuer").asText().replaceAll("/+$", "").equals(base)) {
        throw new LoginFailed(
            "the discovery document names issuer " + doc.path("issuer").asText(), null);
      }
      return new Endpoints(
          URI.create(doc.path("authorization_endpoint").asText()),
          URI.create(doc.path("token_endpoint").asText()),
          ids);
    } catch (IOException e) {
      throw new LoginFailed("the issuer " + base + " could not be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed("interrupted while reading the issuer's discovery document", e);
    }
  }

  /** Fetches the JWKS with the same trust as every other request to the issuer. */
  private ResourceRetriever jwksRetriever() {
    return new DefaultResourceRetriever(
        JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
        JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
        JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT,
        true,
        issuerTls.map(SSLContext::getSocketFactory).orElse(null));
  }

  static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
