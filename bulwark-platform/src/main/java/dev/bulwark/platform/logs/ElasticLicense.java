package dev.bulwark.platform.logs;

import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.Stack;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Elastic licence the logs cluster runs under, chosen by {@code
 * spec.components.logs.settings.license} (ADR 0049).
 *
 * <p>The free basic licence has no single sign-on realm at all (OpenID Connect, SAML, JWT, LDAP and
 * the others are Platinum features), so on basic Kibana is the platform administrators' console
 * with Elasticsearch's own users, and people read logs through Grafana's single sign-on. With an
 * Enterprise licence given to the ECK operator, Elasticsearch gets an OpenID Connect realm that
 * trusts the platform's Keycloak, Kibana signs in through it, and each tenant's groups map to a
 * role that reads only that tenant's indices.
 */
public enum ElasticLicense {
  BASIC,
  ENTERPRISE;

  /** The setting under {@code spec.components.logs.settings}. */
  public static final String SETTING = "license";

  /**
   * The Secret in the ECK operator's namespace that holds the Enterprise licence (key {@value
   * #SECRET_KEY}); the operator reads every Secret there labelled with {@value #SCOPE_LABEL}.
   */
  public static final String SECRET = "eck-license";

  public static final String SECRET_KEY = "license";

  /** Where OpenBao keeps the licence file that the administrators put there once. */
  public static final String STORE_PATH = "platform/logs/eck-license";

  static final String SCOPE_LABEL = "license.k8s.elastic.co/scope";

  /** The values the setting takes, as written in the spec. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ElasticLicense::id).toList();
  }

  /** The licence a logs component asks for; basic unless the setting says otherwise. */
  public static ElasticLicense of(Component logs) {
    String id = logs.setting(SETTING, BASIC.id());
    return Arrays.stream(values())
        .filter(l -> l.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "spec.components.logs.settings."
                        + SETTING
                        + ": unknown Elastic licence '"
                        + id
                        + "'; expected one of "
                        + String.join(", ", names())));
  }

  /** The licence of the platform's ECK logs cluster; basic when logs do not run on ECK. */
  public static ElasticLicense of(Stack stack) {
    return stack.component("logs").filter(c -> c.is("eck")).map(ElasticLicense::of).orElse(BASIC);
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether Elasticsearch may have an OpenID Connect realm, so that Kibana signs in through it. */
  public boolean singleSignOn() {
    return this == ENTERPRISE;
  }
}
