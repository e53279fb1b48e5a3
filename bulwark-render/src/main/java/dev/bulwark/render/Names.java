package dev.bulwark.render;

import dev.bulwark.api.DnsNames;

/**
 * Kubernetes-valid names for rendered objects; the rule itself lives in {@link DnsNames} so that
 * the spec loader's checks compute exactly the names the renderer does.
 */
public final class Names {

  public static final int LABEL_MAX = DnsNames.LABEL_MAX;
  public static final int SUBDOMAIN_MAX = DnsNames.SUBDOMAIN_MAX;

  private Names() {}

  /** A DNS-1123 label (at most 63 characters) joining the parts with dashes. */
  public static String label(String... parts) {
    return DnsNames.label(parts);
  }

  /** A DNS-1123 subdomain name (at most 253 characters) joining the parts with dashes. */
  public static String subdomain(String... parts) {
    return DnsNames.subdomain(parts);
  }

  /**
   * A tenant's CI namespace, where its pipelines, promoters and DAST scans run: one rule for the
   * platform that renders it and the operator and delivery code that look for it.
   */
  public static String ciNamespace(String tenant) {
    return label(tenant, "ci");
  }

  public static boolean isLabel(String name) {
    return DnsNames.isLabel(name);
  }

  /** The first eight hex digits of the SHA-256 of the text. */
  public static String hash(String text) {
    return DnsNames.hash(text);
  }
}
