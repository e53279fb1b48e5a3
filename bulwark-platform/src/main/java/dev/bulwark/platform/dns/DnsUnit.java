package dev.bulwark.platform.dns;

import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DNS: external-dns publishing a record for every host on the platform's gateway (HTTPRoutes, or
 * Ingresses with the compatibility ingress-nginx) into the provider's zone.
 */
public final class DnsUnit extends ComponentUnit {

  public DnsUnit() {}

  public DnsUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "dns";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "restricted"));
    DnsProvider provider = DnsProvider.of(stack).orElse(null);
    if (provider == null) {
      // The spec check requires a provider whenever dns is enabled.
      return objects;
    }
    objects.add(
        ComponentApplication.of(stack, component, "external-dns")
            .values(values(stack, provider))
            .build());
    if (provider.name().equals("cloudflare") || provider.name().equals("rfc2136")) {
      objects.addAll(
          PlatformSecrets.copy(
              stack,
              provider.credentialsSecret(),
              component.namespace(),
              "platform/dns",
              List.of(secretKey(provider))));
    }
    return objects;
  }

  private static Map<String, Object> values(Stack stack, DnsProvider provider) {
    boolean nginx = stack.component("gateway").map(c -> c.is("ingress-nginx")).orElse(false);
    Map<String, Object> values =
        Values.map(
            "provider", Values.map("name", provider.name()),
            "domainFilters", Values.list(provider.zone()),
            "sources",
                nginx
                    ? Values.list("ingress")
                    : Values.list("gateway-httproute", "gateway-grpcroute"),
            "policy", "sync",
            "registry", "txt",
            "txtOwnerId", stack.platform().name(),
            "extraArgs", providerArgs(provider));
    Distribution distribution = Distribution.of(stack.spec());
    values.putAll(distribution.identityValues(distribution.dnsIdentity(), "serviceAccount"));
    if (provider.name().equals("cloudflare")) {
      values.put(
          "env",
          Values.list(
              Values.merge(
                  Values.map("name", "CF_API_TOKEN"),
                  PlatformSecrets.secretKeyRef(
                      provider.credentialsSecret(), secretKey(provider)))));
    }
    if (provider.name().equals("rfc2136")) {
      values.put(
          "env",
          Values.list(
              Values.merge(
                  Values.map("name", "EXTERNAL_DNS_RFC2136_TSIG_SECRET"),
                  PlatformSecrets.secretKeyRef(
                      provider.credentialsSecret(), secretKey(provider)))));
    }
    return values;
  }

  private static List<Object> providerArgs(DnsProvider provider) {
    return switch (provider.name()) {
      case "aws" -> Values.list("--aws-zone-type=public");
      case "google" -> Values.list("--google-project=" + provider.setting("project"));
      case "azure" ->
          Values.list(
              "--azure-resource-group=" + provider.setting("resourceGroup"),
              "--azure-subscription-id=" + provider.setting("subscriptionID"));
      case "rfc2136" ->
          Values.list(
              "--rfc2136-host=" + provider.setting("nameserver"),
              "--rfc2136-port=53",
              "--rfc2136-zone=" + provider.zone(),
              "--rfc2136-tsig-keyname=" + provider.setting("tsigKeyName"),
              "--rfc2136-tsig-secret-alg=hmac-sha256",
              "--rfc2136-tsig-axfr");
      default -> Values.list();
    };
  }

  /** The key of the provider's credential in its Secret. */
  public static String secretKey(DnsProvider provider) {
    return provider.name().equals("cloudflare") ? "api-token" : "tsig-secret";
  }
}
