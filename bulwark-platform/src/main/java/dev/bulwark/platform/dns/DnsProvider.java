package dev.bulwark.platform.dns;

import dev.bulwark.api.v1alpha1.ComponentSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Stack;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS provider from {@code spec.components.dns.settings}, shared by external-dns (records) and
 * cert-manager (DNS-01 challenges), so both write to the same zone with the same identity.
 *
 * @param name aws, google, azure, cloudflare or rfc2136
 * @param zone the zone records go into; defaults to the platform domain
 * @param component the dns component, for the provider-specific settings
 */
public record DnsProvider(String name, String zone, Component component) {

  public static final String PROVIDER = "provider";
  public static final List<String> PROVIDERS =
      List.of("aws", "google", "azure", "cloudflare", "rfc2136");

  /**
   * The Secret (in the dns and cert-manager namespaces) with the provider's credentials, where it
   * needs one.
   */
  public static final String CREDENTIALS_SECRET = "credentialsSecret";

  /**
   * The DNS provider each cloud's own DNS service needs, used when {@code
   * spec.components.dns.settings.provider} is not set. OpenStack has none: ExternalDNS removed its
   * in-tree Designate provider (kubernetes-sigs/external-dns#5126) and cert-manager never had one,
   * so an OpenStack platform names its provider itself.
   */
  public static final Map<PlatformSpec.Provider, String> CLOUD_DEFAULTS =
      Map.of(
          PlatformSpec.Provider.AWS, "aws",
          PlatformSpec.Provider.GCP, "google",
          PlatformSpec.Provider.AZURE, "azure");

  /**
   * The configured provider, if the dns component is enabled and names one or the cloud implies
   * one.
   */
  public static Optional<DnsProvider> of(Stack stack) {
    return stack
        .component("dns")
        .flatMap(
            c ->
                name(stack.spec(), c.settings())
                    .map(n -> new DnsProvider(n, c.setting("zone", stack.domain()), c)));
  }

  /**
   * The one rule for which DNS provider a platform uses: {@code
   * spec.components.dns.settings.provider} when set, else the default of {@code spec.provider}
   * ({@link #CLOUD_DEFAULTS}); empty when neither names one. The spec check and the units both ask
   * here.
   */
  public static Optional<String> name(PlatformSpec spec) {
    ComponentSpec dns = spec.getComponents() == null ? null : spec.getComponents().getDns();
    return name(spec, dns == null || dns.getSettings() == null ? Map.of() : dns.getSettings());
  }

  private static Optional<String> name(PlatformSpec spec, Map<String, String> settings) {
    String explicit = settings.get(PROVIDER);
    return explicit != null
        ? Optional.of(explicit)
        : Optional.ofNullable(CLOUD_DEFAULTS.get(spec.getProvider()));
  }

  public String setting(String key) {
    return component.settings().get(key);
  }

  /** The name of the credentials Secret, with the provider's conventional default. */
  public String credentialsSecret() {
    return component.setting(CREDENTIALS_SECRET, "dns-" + name + "-credentials");
  }
}
