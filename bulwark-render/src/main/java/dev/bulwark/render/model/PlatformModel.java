package dev.bulwark.render.model;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.PolicyLevel;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The platform with every default resolved. */
public record PlatformModel(
    String name,
    String domain,
    String namespace,
    String gatewayNamespace,
    String monitoringNamespace,
    PolicyLevel policyLevel,
    String groupPrefix,
    String adminGroup,
    ClusterDns clusterDns,
    String clusterIssuer) {

  /** The Gateway that tenant routes attach to; the platform stack installs it. */
  public static final String GATEWAY_NAME = "bulwark";

  /** The ClusterIssuer Bulwark renders, unless the spec names an existing one to use instead. */
  public static final String BULWARK_ISSUER = "bulwark";

  /** {@code spec.components.certificates.settings.issuer} value that adopts an existing issuer. */
  public static final String EXISTING_ISSUER = "existing";

  /** The setting that chooses how certificates are issued. */
  public static final String ISSUER_SETTING = "issuer";

  /** The setting that names the existing ClusterIssuer. */
  public static final String CLUSTER_ISSUER_SETTING = "clusterIssuer";

  /**
   * The subdomain the image registry (Harbor) is served at. One fact, read by the registry's route
   * and OIDC client, the tenants' pull secrets and the image-registry policy's allow-list.
   */
  public static final String REGISTRY_SUBDOMAIN = "harbor";

  /**
   * The OpenTelemetry Instrumentation each traced environment gets. One fact, read by the traces
   * unit that renders it and the workload unit whose pods name it in their inject annotation.
   */
  public static final String INSTRUMENTATION = "bulwark";

  /**
   * The spec's own defaults, its field initialisers: the one source of them (the CRD's declared
   * defaults are checked against these by a test), so the model never writes them again.
   */
  private static final PlatformSpec DEFAULTS = new PlatformSpec();

  private static final PlatformSpec.PolicySpec POLICY_DEFAULTS = new PlatformSpec.PolicySpec();
  private static final PlatformSpec.IdentitySpec IDENTITY_DEFAULTS =
      new PlatformSpec.IdentitySpec();

  public static PlatformModel from(Platform platform) {
    PlatformSpec spec = platform.getSpec();
    PlatformSpec.PolicySpec policy = Objects.requireNonNullElse(spec.getPolicy(), POLICY_DEFAULTS);
    PlatformSpec.IdentitySpec identity =
        Objects.requireNonNullElse(spec.getIdentity(), IDENTITY_DEFAULTS);
    return new PlatformModel(
        platform.getMetadata().getName(),
        spec.getDomain(),
        orDefault(spec.getNamespace(), DEFAULTS.getNamespace()),
        orDefault(spec.getGatewayNamespace(), DEFAULTS.getGatewayNamespace()),
        orDefault(spec.getMonitoringNamespace(), DEFAULTS.getMonitoringNamespace()),
        Objects.requireNonNullElse(policy.getLevel(), POLICY_DEFAULTS.getLevel()),
        Objects.requireNonNullElse(identity.getGroupPrefix(), IDENTITY_DEFAULTS.getGroupPrefix()),
        orDefault(identity.getAdminGroup(), IDENTITY_DEFAULTS.getAdminGroup()),
        ClusterDns.of(
            Objects.requireNonNullElse(spec.getDistribution(), DEFAULTS.getDistribution())
                .getName()),
        clusterIssuer(spec));
  }

  /** The host of the platform's image registry: {@code harbor.<domain>}. */
  public String registryHost() {
    return REGISTRY_SUBDOMAIN + "." + domain;
  }

  /**
   * The ClusterIssuer every certificate, Ingress and Gateway names: the existing one when the spec
   * adopts it ({@code issuer: existing}), else Bulwark's own.
   */
  private static String clusterIssuer(PlatformSpec spec) {
    return existingIssuer(
            spec.getComponents() == null ? null : spec.getComponents().getCertificates())
        .orElse(BULWARK_ISSUER);
  }

  /**
   * The existing ClusterIssuer {@code certificates} names with {@code issuer: existing}, if any.
   */
  public static Optional<String> existingIssuer(ComponentSpec certificates) {
    Map<String, String> settings =
        certificates == null || certificates.getSettings() == null
            ? Map.of()
            : certificates.getSettings();
    String named = settings.get(CLUSTER_ISSUER_SETTING);
    return EXISTING_ISSUER.equals(settings.get(ISSUER_SETTING)) && named != null && !named.isBlank()
        ? Optional.of(named)
        : Optional.empty();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
