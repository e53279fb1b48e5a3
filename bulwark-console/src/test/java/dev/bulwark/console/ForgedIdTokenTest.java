package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logins whose ID token must not be believed. An issuer in this test serves a proper discovery
 * document and JWKS and runs the authorization code flow like any OIDC provider, but its token
 * endpoint answers with the ID token a case forges: signed with another key under the same key id,
 * for another audience, expired, for another login's nonce, or unsigned ({@code alg: none}). Each
 * login is refused and opens no session; the honest token of the same issuer logs in, so the
 * refusals are the token's doing, not the flow's.
 */
class ForgedIdTokenTest {

  static final String CLIENT = "bulwark-console";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static RSAKey key;
  static RSAKey otherKey;
  static HttpServer issuer;
  static String issuerUrl;
  static ConsoleServer console;
  static String base;
  static volatile Function<String, String> forge;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    // an attacker's key under the same key id: only the signature can tell them apart
    otherKey = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    issuer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    issuerUrl = "http://127.0.0.1:" + issuer.getAddress().getPort();
    issuer.createContext("/.well-known/openid-configuration", ForgedIdTokenTest::discovery);
    issuer.createContext(
        "/jwks", e -> send(e, 200, new JWKSet(key.toPublicJWK()).toString(), null));
    issuer.createContext("/authorize", ForgedIdTokenTest::authorize);
    issuer.createContext("/token", ForgedIdTokenTest::token);
    issuer.start();
    console = Loopback.console(URI.create(issuerUrl), Loopback.noCluster(), Optional.empty());
    base = Loopback.base(console);
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
    if (issuer != null) {
      issuer.stop(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "other-key      | Invalid signature",
        "wrong-audience | aud claim rejected",
        "expired        | Expired JWT",
        "wrong-nonce    | nonce is not this login's",
        "alg-none       | Unsecured (plain) JWTs are rejected"
      })
  void aForgedIdTokenIsRefusedAndOpensNoSession(String forgery, String why) throws Exception {
    forge = nonce -> forged(forgery, nonce);
    HttpResponse<String> callback = login();
    assertThat(callback.statusCode()).as(forgery).isEqualTo(401);
    assertThat(callback.body()).contains("Sign-in failed", Html.text(why));
    assertThat(callback.headers().allValues("Set-Cookie")).as(forgery).isEmpty();
  }

  @Test
  void theIssuersHonestIdTokenLogsIn() throws Exception {
    forge = nonce -> signed(key, claims(nonce).build());
    HttpResponse<String> callback = login();
    assertThat(callback.statusCode()).isEqualTo(303);
    String cookie = callback.headers().firstValue("Set-Cookie").orElseThrow();
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/policies"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Signed in as <strong>mallory</strong>");
  }

  /** The console's login, the issuer's authorization, and the console's callback's answer. */
  private static HttpResponse<String> login() throws Exception {
    String location = base + "/login";
    for (int hop = 0; hop < 2; hop++) {
      HttpResponse<String> response = get(location);
      assertThat(response.statusCode()).as(location).isEqualTo(303);
      location = response.headers().firstValue("Location").orElseThrow();
    }
    assertThat(location).startsWith(base + "/oauth2/callback?");
    return get(location);
  }

  private static String forged(String forgery, String nonce) {
    JWTClaimsSet.Builder claims = claims(nonce);
    return switch (forgery) {
      case "other-key" -> signed(otherKey, claims.build());
      case "wrong-audience" -> signed(key, claims.audience("another-client").build());
      case "expired" ->
          signed(
              key,
              claims
                  .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                  .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
                  .build());
      case "wrong-nonce" -> signed(key, claims.claim("nonce", "another-login").build());
      case "alg-none" -> new PlainJWT(claims.build()).serialize();
      default -> throw new IllegalArgumentException(forgery);
    };
  }

  /** The claims of an honest ID token for this login. */
  private static JWTClaimsSet.Builder claims(String nonce) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuerUrl)
        .subject("mallory")
        .audience(CLIENT)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
        .claim("nonce", nonce)
        .claim("preferred_username", "mallory")
        .claim("groups", List.of("acme-owners"));
  }

  private static String signed(RSAKey with, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void discovery(HttpExchange e) throws IOException {
    send(
        e,
        200,
        "{\"issuer\":\"%1$s\",\"authorization_endpoint\":\"%1$s/authorize\",\"token_endpoint\":\"%1$s/token\",\"jwks_uri\":\"%1$s/jwks\"}"
            .formatted(issuerUrl),
        null);
  }

  /** Sends the browser back with a code; the nonce travels inside the code, as in a real issuer. */
  private static void authorize(HttpExchange e) throws IOException {
    Map<String, String> query = Exchanges.query(e.getRequestURI());
    String code = java.util.Base64.getUrlEncoder().encodeToString(query.get("nonce").getBytes());
    send(
        e,
        303,
        "",
        query.get("redirect_uri")
            + "?code="
            + code
            + "&state="
            + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
  }

  private static void token(HttpExchange e) throws IOException {
    Map<String, String> form = Exchanges.form(e);
    String nonce = new String(java.util.Base64.getUrlDecoder().decode(form.get("code")));
    send(
        e,
        200,
        "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"id_token\":\"%s\"}"
            .formatted(forge.apply(nonce)),
        null);
  }

  private static void send(HttpExchange e, int status, String body, String location)
      throws IOException {
    try (e) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      e.getResponseHeaders().set("Content-Type", "application/json");
      if (location != null) {
        e.getResponseHeaders().set("Location", location);
      }
      e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        e.getResponseBody().write(bytes);
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
