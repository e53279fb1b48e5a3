package dev.bulwark.cli.mirror;

import dev.bulwark.api.v1alpha1.MirrorSpec;
import java.net.URI;

/**
 * A mirror registry and the address its API is asked at.
 *
 * @param mirror {@code host[:port][/path]}, as {@code spec.mirror.registry} names it
 * @param base {@code https://host[:port]}, or {@code http://} when a URL said so
 */
record RegistryEndpoint(String mirror, URI base) {

  /**
   * Reads {@code host[:port][/path]} (asked over HTTPS) or a URL {@code
   * http(s)://host[:port][/path]} (over its scheme: {@code http://} for a registry that serves
   * plain HTTP).
   *
   * @throws IllegalArgumentException naming what was expected
   */
  static RegistryEndpoint parse(String value) {
    String scheme = "https";
    String mirror = value.strip();
    int colon = mirror.indexOf("://");
    if (colon >= 0) {
      scheme = mirror.substring(0, colon);
      mirror = mirror.substring(colon + 3).replaceFirst("/+$", "");
    }
    if (!(scheme.equals("https") || scheme.equals("http"))
        || !mirror.matches(MirrorSpec.REGISTRY_PATTERN)) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "': expected a registry host[:port][/path] (as spec.mirror.registry) or an"
              + " http(s):// URL of one");
    }
    int slash = mirror.indexOf('/');
    String host = slash < 0 ? mirror : mirror.substring(0, slash);
    return new RegistryEndpoint(mirror, URI.create(scheme + "://" + host));
  }

  /** The registry's host[:port], which Docker config files key credentials by. */
  String host() {
    return base.getAuthority();
  }
}
