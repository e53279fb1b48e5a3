package dev.bulwark.platform.certificates;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.model.PlatformModel;
import java.util.List;

/**
 * How the platform's ClusterIssuer gets certificates: {@code
 * spec.components.certificates.settings.issuer}.
 */
public enum IssuerKind {
  /** ACME (Let's Encrypt by default) with HTTP-01 challenges through the gateway. */
  ACME_HTTP01("acme-http01"),
  /** ACME with DNS-01 challenges in the dns component's provider; allows a wildcard certificate. */
  ACME_DNS01("acme-dns01"),
  /** A CA that cert-manager creates itself: for air-gapped and test clusters. */
  SELF_SIGNED("selfsigned"),
  /** The organisation's own CA, from a Secret in the cert-manager namespace. */
  CA("ca"),
  /**
   * A ClusterIssuer that already runs in the cluster, named by the setting {@code clusterIssuer}:
   * Bulwark renders none and checks it exists. Its challenge type is unknown, so no wildcard.
   */
  EXISTING(PlatformModel.EXISTING_ISSUER);

  public static final String SETTING = PlatformModel.ISSUER_SETTING;

  private final String id;

  IssuerKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public boolean acme() {
    return this == ACME_HTTP01 || this == ACME_DNS01;
  }

  /** Whether the gateway can use one wildcard certificate for the whole domain. */
  public boolean wildcard() {
    return this != ACME_HTTP01 && this != EXISTING;
  }

  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(IssuerKind::id).toList();
  }

  /**
   * The configured kind; air-gapped platforms default to a self-signed CA, others to ACME HTTP-01.
   */
  public static IssuerKind of(Stack stack, Component component) {
    String configured = component.settings().get(SETTING);
    if (configured == null) {
      return stack.airgapped() ? SELF_SIGNED : ACME_HTTP01;
    }
    return java.util.Arrays.stream(values())
        .filter(k -> k.id.equals(configured))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown issuer " + configured));
  }
}
