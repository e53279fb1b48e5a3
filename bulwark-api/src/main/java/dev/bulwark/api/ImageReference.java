package dev.bulwark.api;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A container image reference split into its parts: {@code repository[:tag][@sha256:digest]}.
 *
 * <p>The repository is the name as written, without tag or digest: it is the {@code name} of the
 * image's entry in a GitOps directory's kustomization, the key under which a promotion pins a
 * digest.
 *
 * @param repository registry host (optionally with a port) and path
 * @param tag the tag, or null
 * @param digest {@code sha256:<64 hex>}, or null
 */
public record ImageReference(String repository, String tag, String digest) {

  /**
   * The grammar: registry host (optionally with a port) and path, an optional tag, an optional
   * sha256 digest. Only syntax Go's RE2 and Java share, as it is the CRD's pattern too.
   */
  public static final String PATTERN =
      "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*"
          + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$";

  /** A digest as kustomize and registries write it. */
  public static final String DIGEST_PATTERN = "^sha256:[a-f0-9]{64}$";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);
  private static final java.util.regex.Pattern DIGEST =
      java.util.regex.Pattern.compile(DIGEST_PATTERN);

  /** The parts of {@code text}, or empty when it is not an image reference. */
  public static Optional<ImageReference> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = COMPILED.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    // A colon after the last slash starts the tag; one before it is the registry's port.
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return Optional.of(new ImageReference(rest, tag, digest));
  }

  /** Whether {@code text} is a digest, {@code sha256:} and 64 lower-case hex digits. */
  public static boolean isDigest(String text) {
    return text != null && DIGEST.matcher(text).matches();
  }

  /** This image pinned to {@code pinned}: the repository at that digest, the tag dropped. */
  public ImageReference withDigest(String pinned) {
    return new ImageReference(repository, null, pinned);
  }

  /** The reference as a container's {@code image} field takes it. */
  @Override
  public String toString() {
    return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
