package example.tokens;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Issues the session tokens a client presents on every request. */
public final class SessionTokens {

  // A cryptographically strong generator: observed tokens say nothing about the next one.
  private final SecureRandom random = new SecureRandom();

  /** A new token of 16 bytes, hex-encoded. */
  public String issue() {
    byte[] token = new byte[16];
    random.nextBytes(token);
    return HexFormat.of().formatHex(token);
  }
}
