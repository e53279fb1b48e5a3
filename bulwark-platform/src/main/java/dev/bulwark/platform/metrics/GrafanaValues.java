package dev.bulwark.platform.metrics;

import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.logs.TenantLogs;
import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.model.TenantModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Grafana's part of the kube-prometheus-stack values: single sign-on through the platform's client,
 * a datasource for every backend that runs, each pointing at a Service Bulwark renders, and a
 * folder per tenant.
 */
public final class GrafanaValues {

  /** The header that names the Loki tenants a request reads or writes. */
  public static final String LOKI_TENANT_HEADER = "X-Scope-OrgID";

  /** The Secret in the monitoring namespace with the password of Grafana's Elasticsearch user. */
  public static final String ELASTICSEARCH_SECRET = "grafana-elasticsearch";

  /** Grafana's Elasticsearch user, a file-realm user of the logs cluster. */
  public static final String ELASTICSEARCH_USER = "grafana";

  /** Where OpenBao keeps that user's generated password. */
  public static final String ELASTICSEARCH_STORE_PATH = "platform/logs/grafana";

  private GrafanaValues() {}

  public static Map<String, Object> of(Stack stack) {
    OidcClient client = OidcClients.require(stack, OidcClients.GRAFANA);
    String issuer = stack.issuerUrl();
    Map<String, Object> env =
        Values.map(
            "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET",
            Values.map(
                "secretKeyRef",
                Values.map("name", client.secretName(), "key", OidcClient.SECRET_KEY)));
    if (stack.component("logs").map(c -> c.is("eck")).orElse(false)) {
      env.put(
          "ES_PASSWORD",
          Values.map("secretKeyRef", Values.map("name", ELASTICSEARCH_SECRET, "key", "password")));
    }
    return Values.map(
        "adminPassword", null,
        "envValueFrom", env,
        "grafana.ini",
            Values.map(
                "server", Values.map("root_url", client.baseUrl()),
                "auth", Values.map("disable_login_form", true),
                "auth.generic_oauth",
                    Values.map(
                        "enabled",
                        true,
                        "name",
                        "Bulwark SSO",
                        "client_id",
                        client.clientId(),
                        "scopes",
                        "openid profile email groups",
                        "auth_url",
                        issuer + "/protocol/openid-connect/auth",
                        "token_url",
                        issuer + "/protocol/openid-connect/token",
                        "api_url",
                        issuer + "/protocol/openid-connect/userinfo",
                        "groups_attribute_path",
                        "groups",
                        "role_attribute_path",
                        "contains(groups[*], '"
                            + stack.platform().adminGroup()
                            + "') && 'Admin' || 'Viewer'",
                        "use_pkce",
                        true)),
        "sidecar", Values.map("datasources", Values.map("defaultDatasourceEnabled", false)),
        "additionalDataSources", datasources(stack),
        "dashboardProviders",
            Values.map(
                "dashboardproviders.yaml",
                Values.map("apiVersion", 1, "providers", folders(stack))));
  }

  /** Every datasource; each URL is a rendered {@link Backend} Service. */
  public static List<Object> datasources(Stack stack) {
    List<Object> sources = new ArrayList<>();
    sources.add(
        Values.map(
            "name",
            "Prometheus",
            "type",
            "prometheus",
            "uid",
            "prometheus",
            "isDefault",
            true,
            "access",
            "proxy",
            "url",
            Backend.prometheus(stack).url("http")));
    stack
        .component("logs")
        .ifPresent(
            logs -> {
              if (logs.is("eck")) {
                sources.add(
                    Values.map(
                        "name",
                        "Elasticsearch",
                        "type",
                        "elasticsearch",
                        "uid",
                        "elasticsearch",
                        "access",
                        "proxy",
                        "url",
                        Backend.elasticsearch(stack).url("http"),
                        "basicAuth",
                        true,
                        "basicAuthUser",
                        ELASTICSEARCH_USER,
                        "jsonData",
                        Values.map("index", "logs-*", "timeField", "@timestamp"),
                        "secureJsonData",
                        Values.map("basicAuthPassword", "$ES_PASSWORD")));
              } else {
                sources.add(loki(stack));
              }
            });
    if (stack.has("traces")) {
      sources.add(
          Values.map(
              "name",
              "Jaeger",
              "type",
              "jaeger",
              "uid",
              "jaeger",
              "access",
              "proxy",
              "url",
              Backend.jaegerQuery(stack).url("http")));
    }
    return sources;
  }

  /**
   * Loki runs with auth enabled, one Loki tenant per Bulwark tenant's log scope: a query without
   * X-Scope-OrgID is refused. The platform's datasource asks for every scope at once (a
   * multi-tenant query, which Loki's limits allow).
   */
  private static Map<String, Object> loki(Stack stack) {
    Map<String, Object> source =
        Values.map(
            "name",
            "Loki",
            "type",
            "loki",
            "uid",
            "loki",
            "access",
            "proxy",
            "url",
            Backend.loki(stack).url("http"));
    List<String> scopes =
        stack.tenants().stream().map(t -> TenantLogs.scope(stack, t)).distinct().sorted().toList();
    if (!scopes.isEmpty()) {
      source.put("jsonData", Values.map("httpHeaderName1", LOKI_TENANT_HEADER));
      source.put("secureJsonData", Values.map("httpHeaderValue1", String.join("|", scopes)));
    }
    return source;
  }

  private static List<Object> folders(Stack stack) {
    List<Object> providers = new ArrayList<>();
    for (TenantModel tenant : stack.tenants()) {
      providers.add(
          Values.map(
              "name",
              "tenant-" + tenant.name(),
              "folder",
              tenant.displayName(),
              "folderUid",
              "tenant-" + tenant.name(),
              "type",
              "file",
              "disableDeletion",
              false,
              "options",
              Values.map("path", "/var/lib/grafana/dashboards/tenant-" + tenant.name())));
    }
    return providers;
  }

  /** The host Grafana serves. */
  public static String host(Stack stack) {
    return stack.host(Hosts.GRAFANA);
  }
}
