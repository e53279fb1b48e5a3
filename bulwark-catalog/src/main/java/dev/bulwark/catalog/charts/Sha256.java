package dev.bulwark.catalog.charts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests written as Helm indexes and OCI registries write them. */
final class Sha256 {

  private Sha256() {}

  /** Lowercase hex, as in a Helm index's {@code digest}. */
  static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** {@code sha256:<hex>}, as the catalogue and OCI write it. */
  static String digest(byte[] bytes) {
    return "sha256:" + hex(bytes);
  }

  /** {@code sha256:<hex>} for a digest written either way. */
  static String normalise(String digest) {
    return digest.startsWith("sha256:") ? digest : "sha256:" + digest;
  }
}
