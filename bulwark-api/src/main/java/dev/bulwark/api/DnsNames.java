package dev.bulwark.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes-valid names. A name that would be too long keeps a readable prefix and ends in a
 * stable hash of the full name, so that distinct long names stay distinct and the same input always
 * gives the same name.
 */
public final class DnsNames {

  public static final int LABEL_MAX = 63;
  public static final int SUBDOMAIN_MAX = 253;
  private static final int HASH_LENGTH = 8;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern INVALID = Pattern.compile("[^-a-z0-9]+");

  private DnsNames() {}

  /** A DNS-1123 label (at most 63 characters) joining the parts with dashes. */
  public static String label(String... parts) {
    return shorten(normalise(String.join("-", parts)), LABEL_MAX);
  }

  /** A DNS-1123 subdomain name (at most 253 characters) joining the parts with dashes. */
  public static String subdomain(String... parts) {
    return shorten(normalise(String.join("-", parts)), SUBDOMAIN_MAX);
  }

  public static boolean isLabel(String name) {
    return name.length() <= LABEL_MAX && LABEL.matcher(name).matches();
  }

  private static String normalise(String raw) {
    String lower = INVALID.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("-");
    String trimmed = lower.replaceAll("^-+|-+$", "");
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("no valid name can be made from '" + raw + "'");
    }
    return trimmed;
  }

  private static String shorten(String name, int max) {
    if (name.length() <= max) {
      return name;
    }
    String prefix = name.substring(0, max - HASH_LENGTH - 1).replaceAll("-+$", "");
    return prefix + "-" + hash(name);
  }

  /** The first eight hex digits of the SHA-256 of the text: stable across runs and JVMs. */
  public static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
