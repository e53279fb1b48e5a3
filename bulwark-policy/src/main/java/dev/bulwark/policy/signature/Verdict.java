package dev.bulwark.policy.signature;

/**
 * What the signature check says of one image.
 *
 * @param accepted whether the image is signed by an accepted key (and, when asked, its gate
 *     attestation says pass)
 * @param reason why it is refused, or which key signed it
 */
public record Verdict(boolean accepted, String reason) {

  static Verdict accept(String reason) {
    return new Verdict(true, reason);
  }

  static Verdict refuse(String reason) {
    return new Verdict(false, reason);
  }
}
