package dev.bulwark.delivery;

import java.util.Optional;

/**
 * A user name and password (usually a token) for the GitOps repository over HTTPS. {@link
 * #toString()} never shows the password, so that a record printed in a log or a message does not
 * leak it.
 */
public record GitCredentials(String username, String password) {

  /** {@code BULWARK_GIT_USERNAME} and {@code BULWARK_GIT_PASSWORD}, when both are set. */
  public static Optional<GitCredentials> fromEnvironment() {
    String user = System.getenv("BULWARK_GIT_USERNAME");
    String password = System.getenv("BULWARK_GIT_PASSWORD");
    return user == null || password == null
        ? Optional.empty()
        : Optional.of(new GitCredentials(user, password));
  }

  @Override
  public String toString() {
    return "GitCredentials[username=" + username + ", password=<redacted>]";
  }
}
