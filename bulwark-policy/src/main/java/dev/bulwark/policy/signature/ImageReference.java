package dev.bulwark.policy.signature;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image pinned by digest, as a Pod names it: {@code [registry/]repository[:tag]@sha256:<hex>}.
 * The registry is the first path component when it looks like a host (has a dot or a port, or is
 * {@code localhost}), otherwise Docker Hub, as the container runtimes resolve it.
 *
 * @param image the reference as written in the Pod
 * @param registry host[:port] of the registry
 * @param repository the repository path in that registry
 * @param digest {@code sha256:<64 hex>}
 */
public record ImageReference(String image, String registry, String repository, String digest) {

  private static final Pattern PINNED =
      Pattern.compile("^([a-z0-9][^@]*?)(?::[\\w][\\w.-]{0,127})?@(sha256:[a-f0-9]{64})$");

  /**
   * The image's reference, or an {@link IllegalArgumentException} saying why it is not pinned by
   * digest.
   */
  public static ImageReference parse(String image) {
    Matcher m = PINNED.matcher(image == null ? "" : image);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "image " + image + " is not pinned by digest (expected name@sha256:<64 hex digits>)");
    }
    String name = m.group(1);
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
      return new ImageReference(image, first, name.substring(slash + 1), m.group(2));
    }
    String repository = slash < 0 ? "library/" + name : name;
    return new ImageReference(image, "registry-1.docker.io", repository, m.group(2));
  }

  /** The tag cosign stores an artifact of this digest under, e.g. {@code sha256-<hex>.sig}. */
  public String cosignTag(String suffix) {
    return digest.replace(':', '-') + "." + suffix;
  }
}
