package dev.bulwark.operator.apply;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * A kind of object the operator applies: enough to address it without discovery.
 *
 * @param apiVersion {@code group/version}, or {@code v1} for the core group
 * @param kind the kind
 * @param plural the resource name in URLs and RBAC rules
 * @param namespaced whether objects live in a namespace
 */
public record ManagedKind(String apiVersion, String kind, String plural, boolean namespaced) {

  /** The API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** {@code apiVersion/kind}, the key kinds are looked up by. */
  public String id() {
    return apiVersion + "/" + kind;
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group())
        .withVersion(version())
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
