package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PolicyLevel;
import java.util.Objects;

/** The platform with every default resolved. */
public record PlatformModel(
    String name,
    String domain,
    String namespace,
    String gatewayNamespace,
    String monitoringNamespace,
    PolicyLevel policyLevel,
    String groupPrefix,
    String adminGroup) {

  /** The Gateway that tenant routes attach to; the platform stack installs it. */
  public static final String GATEWAY_NAME = "bulwark";

  /**
   * The subdomain the image registry (Harbor) is served at. One fact, read by the registry's route
   * and OIDC client, the tenants' pull secrets and the image-registry policy's allow-list.
   */
  public static final String REGISTRY_SUBDOMAIN = "harbor";

  public static PlatformModel from(Platform platform) {
    PlatformSpec spec = platform.getSpec();
    PlatformSpec.PolicySpec policy = Objects.requireNonNullElseGet(spec.getPolicy(), PlatformSpec.PolicySpec::new);
    PlatformSpec.IdentitySpec identity =
        Objects.requireNonNullElseGet(spec.getIdentity(), PlatformSpec.IdentitySpec::new);
    return new PlatformModel(
        platform.getMetadata().getName(),
        spec.getDomain(),
        orDefault(spec.getNamespace(), "bulwark-system"),
        orDefault(spec.getGatewayNamespace(), "bulwark-gateway"),
        orDefault(spec.getMonitoringNamespace(), "bulwark-monitoring"),
        Objects.requireNonNullElse(policy.getLevel(), PolicyLevel.RESTRICTED),
        Objects.requireNonNullElse(identity.getGroupPrefix(), ""),
        orDefault(identity.getAdminGroup(), "platform-admins"));
  }

  /** The host of the platform's image registry: {@code harbor.<domain>}. */
  public String registryHost() {
    return REGISTRY_SUBDOMAIN + "." + domain;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
