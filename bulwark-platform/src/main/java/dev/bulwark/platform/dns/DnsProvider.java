package dev.bulwark.platform.dns;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Stack;
import java.util.List;
import java.util.Optional;

/**
 * The DNS provider from {@code spec.components.dns.settings}, shared by external-dns (records)
 * and cert-manager (DNS-01 challenges), so both write to the same zone with the same identity.
 *
 * @param name aws, google, azure, cloudflare or rfc2136
 * @param zone the zone records go into; defaults to the platform domain
 * @param component the dns component, for the provider-specific settings
 */
public record DnsProvider(String name, String zone, Component component) {

  public static final String PROVIDER = "provider";
  public static final List<String> PROVIDERS = List.of("aws", "google", "azure", "cloudflare", "rfc2136");
  /** The Secret (in the dns and cert-manager namespaces) with the provider's credentials, where it needs one. */
  public static final String CREDENTIALS_SECRET = "credentialsSecret";

  /** The configured provider, if the dns component is enabled and names one. */
  public static Optional<DnsProvider> of(Stack stack) {
    return stack.component("dns")
        .filter(c -> c.settings().containsKey(PROVIDER))
        .map(c -> new DnsProvider(c.settings().get(PROVIDER), c.setting("zone", stack.domain()), c));
  }

  public String setting(String key) {
    return component.settings().get(key);
  }

  /** The name of the credentials Secret, with the provider's conventional default. */
  public String credentialsSecret() {
    return component.setting(CREDENTIALS_SECRET, "dns-" + name + "-credentials");
  }
}
