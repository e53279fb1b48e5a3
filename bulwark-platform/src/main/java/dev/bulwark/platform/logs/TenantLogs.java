package dev.bulwark.platform.logs;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec.ScopeSpec;
import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fluent Bit's per-tenant pipeline: a filter that stamps the tenant and app fields on every record
 * from the tenant's namespaces, and an output to the tenant's own index (Elasticsearch) or tenant
 * (Loki).
 */
public final class TenantLogs {

  public static final int DEFAULT_RETENTION_DAYS = 30;

  /** The Secret in Fluent Bit's namespace with its Elasticsearch user. */
  public static final String FLUENT_BIT_SECRET = "fluent-bit-elasticsearch";

  /** Where OpenBao keeps Fluent Bit's Elasticsearch user (username, password). */
  public static final String FLUENT_BIT_STORE_PATH = "platform/logs/fluent-bit";

  private TenantLogs() {}

  /**
   * The index prefix or Loki tenant of a tenant: {@code spec.logs.name}, else the tenant's name.
   */
  public static String scope(Stack stack, TenantModel tenant) {
    return ScopeSpec.nameIn(logs(stack, tenant).orElse(null), tenant.name());
  }

  /** Fluent Bit writes a tenant's logs to daily indices {@code <prefix>-YYYY.MM.DD}. */
  public static String indexPrefix(Stack stack, TenantModel tenant) {
    return "logs-" + scope(stack, tenant);
  }

  public static int retentionDays(Stack stack, TenantModel tenant) {
    return logs(stack, tenant).map(ScopeSpec::getRetentionDays).orElse(DEFAULT_RETENTION_DAYS);
  }

  private static java.util.Optional<ScopeSpec> logs(Stack stack, TenantModel tenant) {
    return stack.context().spec().tenant(tenant.name()).map(Tenant::getSpec).map(s -> s.getLogs());
  }

  /**
   * Tags of the default tail input are {@code
   * kube.var.log.containers.<pod>_<namespace>_<container>-<id>.log}.
   */
  static String tagRegex(TenantModel tenant) {
    String namespaces = String.join("|", tenant.namespaces().stream().map(Pattern::quote).toList());
    return "^kube\\.var\\.log\\.containers\\.[^_]+_(" + namespaces + ")_.*$";
  }

  /** The record field that carries the tenant's index prefix or Loki tenant. */
  static final String SCOPE_FIELD = "log_scope";

  static HasMetadata filter(Stack stack, TenantModel tenant) {
    return CustomResource.of("fluentbit.fluent.io/v1alpha2", "ClusterFilter")
        .name(Names.label("tenant", tenant.name()))
        .labels(fluentLabels(tenant))
        .wave(SyncWave.TENANTS)
        .spec(
            Values.map(
                "matchRegex", tagRegex(tenant),
                // After the chart's kubernetes filter (ordinal 0): tenant from the namespace, app
                // from
                // the pod's app.kubernetes.io/name label.
                "ordinal", 10,
                "filters",
                    Values.list(
                        Values.map(
                            "recordModifier",
                            Values.map(
                                "records",
                                Values.list(
                                    "tenant " + tenant.name(),
                                    SCOPE_FIELD + " " + scope(stack, tenant)))),
                        Values.map(
                            "nest",
                            Values.map(
                                "operation",
                                "lift",
                                "nestedUnder",
                                "kubernetes",
                                "addPrefix",
                                "kubernetes_")),
                        Values.map(
                            "nest",
                            Values.map(
                                "operation",
                                "lift",
                                "nestedUnder",
                                "kubernetes_labels",
                                "addPrefix",
                                "label_")),
                        Values.map(
                            "modify",
                            Values.map(
                                "rules",
                                Values.list(
                                    Values.map(
                                        "rename",
                                        Values.map("label_app.kubernetes.io/name", "app"))))))))
        .build();
  }

  static HasMetadata elasticsearchOutput(Stack stack, TenantModel tenant) {
    Backend es = Backend.elasticsearch(stack);
    return output(
        tenant,
        Values.map(
            "es",
            Values.map(
                "host",
                es.name() + "." + es.namespace() + ".svc",
                "port",
                es.port(),
                "logstashFormat",
                true,
                "logstashPrefix",
                indexPrefix(stack, tenant),
                "suppressTypeName",
                "On",
                "replaceDots",
                true,
                "httpUser",
                secretRef("username"),
                "httpPassword",
                secretRef("password"))));
  }

  static HasMetadata lokiOutput(Stack stack, TenantModel tenant) {
    Backend loki = Backend.loki(stack);
    return output(
        tenant,
        Values.map(
            "loki",
            Values.map(
                "host",
                loki.name() + "." + loki.namespace() + ".svc",
                "port",
                loki.port(),
                // Loki takes the tenant from the record: the field the tenant's filter sets.
                "tenantIDKey",
                SCOPE_FIELD,
                "labels",
                Values.list(
                    "tenant=" + tenant.name(),
                    "app=$app",
                    "namespace=$kubernetes_namespace_name"))));
  }

  private static HasMetadata output(TenantModel tenant, Map<String, Object> plugin) {
    Map<String, Object> spec = Values.map("matchRegex", tagRegex(tenant));
    spec.putAll(plugin);
    return CustomResource.of("fluentbit.fluent.io/v1alpha2", "ClusterOutput")
        .name(Names.label("tenant", tenant.name()))
        .labels(fluentLabels(tenant))
        .wave(SyncWave.TENANTS)
        .spec(spec)
        .build();
  }

  private static Map<String, Object> secretRef(String key) {
    return Values.map(
        "valueFrom", Values.map("secretKeyRef", Values.map("name", FLUENT_BIT_SECRET, "key", key)));
  }

  /** The fluent-operator selects cluster filters and outputs by this label. */
  private static Map<String, String> fluentLabels(TenantModel tenant) {
    Map<String, String> labels = new java.util.TreeMap<>(Ownership.tenant(tenant.name()));
    labels.put("fluentbit.fluent.io/enabled", "true");
    return labels;
  }

  static List<HasMetadata> pipeline(Stack stack, TenantModel tenant, boolean eck) {
    return List.of(
        filter(stack, tenant),
        eck ? elasticsearchOutput(stack, tenant) : lokiOutput(stack, tenant));
  }
}
