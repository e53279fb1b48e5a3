package dev.bulwark.policy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A user name and password for a registry, as {@code docker login} keeps them in a Docker config
 * file ({@code auths.<host>.auth}, base64 of {@code user:password}). Credential helpers are not
 * run. {@link #toString()} never shows the password. Shared by the mirror check and the webhook's
 * signature reads.
 */
public record RegistryCredentials(String username, String password) {

  /** The {@code Authorization} header of basic authentication. */
  public String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[" + username + ", password hidden]";
  }

  /**
   * The credentials {@code config} (a Docker config.json) holds for {@code host}, under the host
   * itself or its {@code https://} URL; empty when the file or its entry is absent.
   *
   * @throws IllegalArgumentException when the file is not a Docker config or its entry is not
   *     {@code user:password} in base64
   */
  public static Optional<RegistryCredentials> fromDockerConfig(Path config, String host)
      throws IOException {
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    JsonNode auths;
    try {
      auths = new ObjectMapper().readTree(config.toFile()).path("auths");
    } catch (IOException e) {
      throw new IllegalArgumentException(config + ": not a Docker config file (JSON expected)", e);
    }
    for (String key : List.of(host, "https://" + host, "http://" + host)) {
      JsonNode entry = auths.path(key);
      if (entry.has("auth")) {
        return Optional.of(decode(config, key, entry.path("auth").asText()));
      }
      if (entry.has("username") && entry.has("password")) {
        return Optional.of(
            new RegistryCredentials(
                entry.path("username").asText(), entry.path("password").asText()));
      }
    }
    return Optional.empty();
  }

  /** The default Docker config file: {@code $DOCKER_CONFIG/config.json}, else the home's. */
  public static Path defaultDockerConfig() {
    String dir = System.getenv("DOCKER_CONFIG");
    return dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  private static RegistryCredentials decode(Path config, String key, String auth) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      pair = "";
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          config + ": auths." + key + ".auth: expected base64 of user:password");
    }
    return new RegistryCredentials(pair.substring(0, colon), pair.substring(colon + 1));
  }
}
