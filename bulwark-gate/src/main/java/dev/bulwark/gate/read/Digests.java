package dev.bulwark.gate.read;

import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Pattern;

/** The check that a report is about the image the gate judges. */
public final class Digests {

  /** An OCI image digest as the gate takes it. */
  public static final Pattern DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");

  private Digests() {}

  /**
   * Passes when {@code named} contains {@code expected}; otherwise an error saying which digests
   * the report is about, or that it names none (a report that cannot be tied to the image does not
   * count).
   */
  static void check(Path file, String what, Collection<String> named, String expected)
      throws InputException {
    if (named.contains(expected)) {
      return;
    }
    throw new InputException(
        file.toString(),
        named.isEmpty()
            ? what + " names no image digest, so it cannot be tied to " + expected
            : what + " is about " + String.join(", ", named) + ", not " + expected);
  }

  /** Adds the digest in {@code text} (as {@link #of} finds it), if any, to {@code digests}. */
  static void addTo(Collection<String> digests, String text) {
    String d = of(text);
    if (!d.isEmpty()) {
      digests.add(d);
    }
  }

  /** The digest part of {@code repo@sha256:...}, of a purl version, or the text itself. */
  static String of(String text) {
    String decoded = text.replace("%3A", ":").replace("%3a", ":");
    int at = decoded.indexOf("sha256:");
    if (at < 0) {
      return "";
    }
    String digest = decoded.substring(at, Math.min(decoded.length(), at + 71));
    return DIGEST.matcher(digest).matches() ? digest : "";
  }
}
