package dev.bulwark.render;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One desired object with where it came from.
 *
 * @param capability the render unit that produced it
 * @param tenant the tenant it belongs to, or {@code platform}
 * @param environment the tenant environment it belongs to, or null for tenant- or platform-wide objects
 */
public record DesiredObject(String capability, String tenant, String environment, HasMetadata object) {

  public ObjectKey key() {
    return ObjectKey.of(object);
  }
}
