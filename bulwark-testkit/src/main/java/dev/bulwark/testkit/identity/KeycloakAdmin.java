package dev.bulwark.testkit.identity;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keycloak's admin REST API and token endpoint, as far as the tests need them. Each call signs in
 * again: the master realm's admin tokens live one minute, shorter than a slow test.
 */
public final class KeycloakAdmin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final String username;
  private final String password;

  private KeycloakAdmin(HttpClient http, URI base, String username, String password) {
    this.http = http;
    this.base = base;
    this.username = username;
    this.password = password;
  }

  static KeycloakAdmin signIn(HttpClient http, URI base, String username, String password)
      throws IOException {
    KeycloakAdmin admin = new KeycloakAdmin(http, base, username, password);
    admin.adminToken();
    return admin;
  }

  /** Deletes the realm of that name if there is one, then imports {@code realm} (a realm JSON). */
  public void replaceRealm(Map<String, Object> realm) throws IOException {
    String name = String.valueOf(realm.get("realm"));
    HttpResponse<String> deleted = send(adminRequest("/admin/realms/" + name).DELETE());
    if (deleted.statusCode() != 204 && deleted.statusCode() != 404) {
      throw failure("DELETE realm " + name, deleted);
    }
    post("/admin/realms", realm);
  }

  /** A GET below {@code /admin/realms}, e.g. {@code bulwark/clients}. */
  public JsonNode get(String path) throws IOException {
    HttpResponse<String> response = send(adminRequest("/admin/realms/" + path).GET());
    if (response.statusCode() != 200) {
      throw failure("GET " + path, response);
    }
    return JSON.readTree(response.body());
  }

  /** Adds a client (a ClientRepresentation) to the realm. */
  public void createClient(String realm, Map<String, Object> client) throws IOException {
    post("/admin/realms/" + realm + "/clients", client);
  }

  /** Adds an enabled user with a permanent password, member of the named top-level groups. */
  public void createUser(String realm, String user, String userPassword, List<String> groups)
      throws IOException {
    Map<String, Object> representation = new LinkedHashMap<>();
    representation.put("username", user);
    representation.put("enabled", true);
    representation.put("email", user + "@example.com");
    representation.put("emailVerified", true);
    representation.put("firstName", user);
    representation.put("lastName", "Test");
    representation.put("groups", groups);
    representation.put(
        "credentials",
        List.of(Map.of("type", "password", "value", userPassword, "temporary", false)));
    post("/admin/realms/" + realm + "/users", representation);
  }

  /**
   * Signs a user in with the resource-owner password grant of {@code clientId} (a public client
   * with direct access grants) and returns the token response.
   */
  public JsonNode passwordGrant(String realm, String clientId, String user, String userPassword)
      throws IOException {
    return tokens(
        realm,
        Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "username", user,
            "password", userPassword,
            "scope", "openid"));
  }

  private String adminToken() throws IOException {
    return tokens(
            "master",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                username,
                "password",
                password))
        .path("access_token")
        .asText();
  }

  private JsonNode tokens(String realm, Map<String, String> form) throws IOException {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      // the form holds a password: name the realm and client only
      throw failure("token request to realm " + realm + " for " + form.get("client_id"), response);
    }
    return JSON.readTree(response.body());
  }

  private void post(String path, Object body) throws IOException {
    HttpResponse<String> response =
        send(
            adminRequest(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    if (response.statusCode() != 201) {
      throw failure("POST " + path, response);
    }
  }

  private HttpRequest.Builder adminRequest(String path) throws IOException {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + adminToken());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling Keycloak", e);
    }
  }

  private static IOException failure(String what, HttpResponse<String> response) {
    return new IOException(
        "Keycloak refused " + what + ": HTTP " + response.statusCode() + " " + response.body());
  }
}
