package dev.bulwark.render;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One desired object with where it came from.
 *
 * @param capability the render unit that produced it
 * @param tenant the tenant it belongs to, or {@code platform}
 * @param environment the tenant environment it belongs to, or null for tenant- or platform-wide
 *     objects
 * @param object the object itself
 * @param key the object's identity, computed once: sorting a large plan compares keys millions of
 *     times
 */
public record DesiredObject(
    String capability, String tenant, String environment, HasMetadata object, ObjectKey key) {

  public DesiredObject(String capability, String tenant, String environment, HasMetadata object) {
    this(capability, tenant, environment, object, ObjectKey.of(object));
  }
}
