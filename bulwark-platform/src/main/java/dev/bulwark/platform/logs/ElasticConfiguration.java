package dev.bulwark.platform.logs;

import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ConfigJob;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The logs cluster's own configuration, applied through Elasticsearch's API by an idempotent Job on
 * every sync: the roles of the components' users, and per tenant an index lifecycle policy that
 * deletes the tenant's indices after its retention, bound by an index template to the tenant's
 * index pattern.
 *
 * <p>Why a Job and not ECK's StackConfigPolicy (which has all of these): StackConfigPolicy needs an
 * Enterprise licence of the ECK operator, and Bulwark's logs run on the free basic licence, where
 * ILM, roles and index templates are available through the API.
 */
public final class ElasticConfiguration {

  public static final String NAME = "bulwark-elasticsearch-config";

  /**
   * ECK's Secret with the password of the built-in {@code elastic} superuser of cluster {@code
   * logs}.
   */
  public static final String ELASTIC_USER_SECRET = LogsUnit.CLUSTER + "-es-elastic-user";

  /**
   * Above the built-in {@code logs-*-*} data stream template (priority 100), so that Fluent Bit's
   * daily {@code logs-<tenant>-<date>} indices stay plain indices under the tenant's policy.
   */
  static final int TEMPLATE_PRIORITY = 200;

  /**
   * The priority of a tenant's template: Elasticsearch refuses two templates of one priority whose
   * patterns overlap, and {@code logs-shop-*} overlaps {@code logs-shop-eu-*}. The longer prefix is
   * the more specific one and wins; two overlapping patterns never have prefixes of one length.
   */
  static int templatePriority(Stack stack, TenantModel tenant) {
    return TEMPLATE_PRIORITY + TenantLogs.indexPrefix(stack, tenant).length();
  }

  private ElasticConfiguration() {}

  static List<HasMetadata> of(Stack stack, Component component) {
    Map<String, String> files = new TreeMap<>();
    files.put(
        "role-" + ElasticUser.WRITER_ROLE + ".json",
        Values.json(role("create_index", "create_doc", "index", "auto_configure")));
    files.put(
        "role-" + ElasticUser.READER_ROLE + ".json",
        Values.json(role("read", "view_index_metadata")));
    for (TenantModel tenant : stack.tenants()) {
      String name = policyName(stack, tenant);
      files.put(
          "ilm-" + name + ".json",
          Values.json(
              Values.map(
                  "policy",
                  Values.map(
                      "phases",
                      Values.map(
                          "hot", Values.map("min_age", "0ms", "actions", Values.map()),
                          "delete",
                              Values.map(
                                  "min_age",
                                  TenantLogs.retentionDays(stack, tenant) + "d",
                                  "actions",
                                  Values.map("delete", Values.map())))))));
      files.put(
          "template-" + name + ".json",
          Values.json(
              Values.map(
                  "index_patterns", Values.list(indexPattern(stack, tenant)),
                  "priority", templatePriority(stack, tenant),
                  "template", Values.map("settings", Values.map("index.lifecycle.name", name)))));
    }
    if (ElasticLicense.of(component).singleSignOn()) {
      files.putAll(signOnRoles(stack));
    }
    String image = component.install("eck-operator").image("elasticsearch").reference();
    return ConfigJob.of(
        NAME,
        Backend.ELASTIC_NAMESPACE,
        image,
        SCRIPT,
        files,
        List.of(
            ConfigJob.env("ES_URL", Backend.elasticsearch(stack).url("http")),
            ConfigJob.secretEnv("ES_PASSWORD", ELASTIC_USER_SECRET, "elastic")));
  }

  /** The lifecycle policy and index template of a tenant's logs. */
  public static String policyName(Stack stack, TenantModel tenant) {
    return "bulwark-logs-" + TenantLogs.scope(stack, tenant);
  }

  /** The indices Fluent Bit writes a tenant's logs to ({@code logstashPrefix} and a date). */
  public static String indexPattern(Stack stack, TenantModel tenant) {
    return TenantLogs.indexPrefix(stack, tenant) + "-*";
  }

  /** The role through which a tenant's people read the tenant's logs in Kibana. */
  public static String tenantRole(TenantModel tenant) {
    return "bulwark_logs_tenant_" + tenant.name();
  }

  /**
   * The tenant's daily indices exactly, as a Lucene regular expression: a wildcard {@code
   * logs-shop-*} would also grant tenant {@code shop}'s people the indices of a tenant whose scope
   * is {@code shop-eu}.
   */
  public static String tenantIndices(Stack stack, TenantModel tenant) {
    return "/"
        + TenantLogs.indexPrefix(stack, tenant).replace(".", "\\.")
        + "-[0-9]{4}\\.[0-9]{2}\\.[0-9]{2}/";
  }

  /**
   * With single sign-on (ADR 0049): per tenant, a role that reads only the tenant's indices in
   * Kibana's Discover and dashboards, mapped from the tenant's groups as the OIDC realm sees them;
   * the platform administrators' group gets Kibana's administration and every tenant's logs.
   */
  private static Map<String, String> signOnRoles(Stack stack) {
    Map<String, String> files = new TreeMap<>();
    for (TenantModel tenant : stack.tenants()) {
      String role = tenantRole(tenant);
      List<String> groups = new ArrayList<>(tenant.ownerGroups());
      groups.addAll(tenant.developerGroups());
      groups.addAll(tenant.viewerGroups());
      files.put(
          "role-" + role + ".json",
          Values.json(
              Values.map(
                  "indices",
                  Values.list(
                      Values.map(
                          "names",
                          Values.list(tenantIndices(stack, tenant)),
                          "privileges",
                          Values.list("read", "view_index_metadata"))),
                  "applications",
                  Values.list(
                      Values.map(
                          "application",
                          "kibana-.kibana",
                          "privileges",
                          Values.list("feature_discover.read", "feature_dashboard.read"),
                          "resources",
                          Values.list("*"))))));
      files.put("mapping-" + role + ".json", Values.json(mapping(List.of(role), groups)));
    }
    files.put(
        "mapping-bulwark_logs_admins.json",
        Values.json(
            mapping(
                List.of("kibana_admin", ElasticUser.READER_ROLE),
                List.of(stack.platform().adminGroup()))));
    return files;
  }

  /** A role mapping: users of Bulwark's OIDC realm in any of {@code groups} get {@code roles}. */
  private static Map<String, Object> mapping(List<String> roles, List<String> groups) {
    return Values.map(
        "enabled",
        true,
        "roles",
        new ArrayList<Object>(roles),
        "rules",
        Values.map(
            "all",
            Values.list(
                Values.map("field", Values.map("realm.name", ElasticStack.REALM)),
                Values.map("field", Values.map("groups", new ArrayList<Object>(groups))))));
  }

  private static Map<String, Object> role(String... indexPrivileges) {
    return Values.map(
        "cluster",
        Values.list("monitor"),
        "indices",
        Values.list(
            Values.map(
                "names",
                Values.list("logs-*"),
                "privileges",
                Values.list((Object[]) indexPrivileges))));
  }

  /** PUT is create-or-replace for roles, lifecycle policies and index templates alike. */
  private static final String SCRIPT =
      Scripts.load(ElasticConfiguration.class, "elasticsearch-config.sh");
}
