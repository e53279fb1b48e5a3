package dev.bulwark.spec;

import dev.bulwark.api.v1alpha1.TenantSpec;

/** The namespace of a tenant environment, by the one rule the renderer uses too. */
final class EnvironmentNamespaces {

  private EnvironmentNamespaces() {}

  /** The namespace of the environment {@code env} of tenant {@code tenant}. */
  static String of(String tenant, TenantSpec.EnvironmentSpec env) {
    return env.namespaceIn(tenant);
  }
}
