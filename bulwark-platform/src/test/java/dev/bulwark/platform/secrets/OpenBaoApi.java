package dev.bulwark.platform.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The few OpenBao HTTP API calls the test makes itself: Kubernetes logins and writes. Errors name
 * the path and status, never a token or a value.
 */
final class OpenBaoApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String address;

  OpenBaoApi(String address) {
    this.address = address;
  }

  /** A client token for {@code role}, logging in with a ServiceAccount token. */
  String login(String role, String serviceAccountToken) throws IOException, InterruptedException {
    JsonNode answer =
        call(
            "POST",
            "auth/" + OpenBao.AUTH_MOUNT + "/login",
            null,
            Map.of("role", role, "jwt", serviceAccountToken));
    return answer.at("/auth/client_token").asText();
  }

  /** Writes {@code body} to {@code path} (relative to /v1/) with {@code token}. */
  void write(String token, String path, Object body) throws IOException, InterruptedException {
    call("POST", path, token, body);
  }

  private JsonNode call(String method, String path, String token, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method + " /v1/" + path + " answered " + response.statusCode() + ": " + errors(response));
    }
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  private static String errors(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("errors").toString();
    } catch (IOException e) {
      return "(no JSON body)";
    }
  }
}
