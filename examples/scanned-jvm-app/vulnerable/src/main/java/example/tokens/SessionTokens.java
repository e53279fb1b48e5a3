package example.tokens;

import java.util.HexFormat;
import java.util.Random;

/** Issues the session tokens a client presents on every request. */
public final class SessionTokens {

  // java.util.Random is a linear congruential generator: a few observed tokens give away its
  // state, and with it every token issued after them (CWE-330). FindSecBugs: PREDICTABLE_RANDOM.
  private final Random random = new Random();

  /** A new token of 16 bytes, hex-encoded. */
  public String issue() {
    byte[] token = new byte[16];
    random.nextBytes(token);
    return HexFormat.of().formatHex(token);
  }
}
