package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's login and form protections over plain HTTP, with a real OIDC provider; no cluster
 * is reached (the pages' reads are the browser test's).
 */
class ConsoleHttpTest {

  static MockOAuth2Server issuer;
  static ConsoleServer console;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    issuer = new MockOAuth2Server();
    issuer.start(InetAddress.getByName("127.0.0.1"), 0);
    console =
        Loopback.console(issuer.issuerUrl("bulwark").uri(), Loopback.noCluster(), Optional.empty());
    base = Loopback.base(console);
  }

  @AfterAll
  static void stop() {
    console.close();
    issuer.shutdown();
  }

  static HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in as dana through the issuer, following the redirects; returns the session cookie. */
  static String login() throws Exception {
    issuer.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "bulwark",
            "dana",
            "JWT",
            List.of("bulwark-console"),
            Map.of("preferred_username", "dana", "groups", List.of("acme-developers")),
            3600));
    HttpResponse<String> toIssuer = get(base + "/login", null);
    assertThat(toIssuer.statusCode()).isEqualTo(303);
    URI authorize = URI.create(toIssuer.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.getQuery())
        .contains("code_challenge_method=S256", "code_challenge=", "nonce=", "state=");
    HttpResponse<String> back = get(authorize.toString(), null);
    String callback = back.headers().firstValue("Location").orElseThrow();
    assertThat(callback).startsWith(base + "/oauth2/callback?");
    HttpResponse<String> landed = get(callback, null);
    assertThat(landed.statusCode()).isEqualTo(303);
    String cookie = landed.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    // replaying the callback finds no login: the state was used up
    assertThat(get(callback, null).statusCode()).isEqualTo(400);
    return cookie.substring(0, cookie.indexOf(';'));
  }

  @Test
  void withoutASessionEveryPageSendsTheBrowserToLogIn() throws Exception {
    HttpResponse<String> response = get(base + "/tenants/acme", null);
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).contains("/login");
    assertThat(get(base + "/oauth2/callback?state=forged&code=x", null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
    String cookie = login();
    HttpResponse<String> page = get(base + "/policies", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'");
    for (String form : List.of("", "csrf=guessed")) {
      HttpResponse<String> posted =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/logout"))
                  .header("Cookie", cookie)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(form).isEqualTo(403);
    }
    // the session survived the forged sign-out
    assertThat(get(base + "/policies", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void valuesAreEscapedAndThePkceChallengeIsS256() {
    assertThat(Html.text("<script>\"x\" & 'y'</script>"))
        .isEqualTo("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
    // S256: base64url(sha256(verifier)) without padding, as computed by
    // printf %s VERIFIER | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '='
    assertThat(OidcClient.challenge("dBjftJeZ4CVP-mJ92ZB7sbtRPbDB6Eyvk2yEyoAjKgM"))
        .isEqualTo("zrBusnviSJvsBJ68P7yd4bxeiR4Dt3FguTOIgDr5iYk");
  }
}
