package dev.bulwark.policy.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the login to a registry host comes from. */
@FunctionalInterface
public interface RegistryLogins {

  /** No logins: anonymous pulls and anonymous tokens only. */
  RegistryLogins NONE = host -> Optional.empty();

  /**
   * The login to {@code host} (as an image reference names it, {@code host[:port]}), if any.
   *
   * @throws IOException when the source cannot be read
   */
  Optional<RegistryCredentials> forHost(String host) throws IOException;

  /**
   * The logins of a Docker config file, read when a registry asks for one, so that a rotated Secret
   * mounted there applies without a restart.
   */
  static RegistryLogins dockerConfig(Path file) {
    return host -> RegistryCredentials.fromDockerConfig(file, host);
  }
}
