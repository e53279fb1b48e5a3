package dev.bulwark.platform.logs;

import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Backend;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs: Fluent Bit (through the fluent-operator) shipping container logs with tenant and app fields
 * to a per-tenant index of an ECK Elasticsearch, read in Grafana with single sign-on and in Kibana
 * (with single sign-on only on a licence that has it, ADR 0049); or, as the alternative, to a
 * per-tenant Loki tenant with per-tenant retention, read in Grafana.
 */
public final class LogsUnit extends ComponentUnit {

  public static final String CLUSTER = "logs";

  /**
   * The Elastic Stack version the ECK operator runs: the tag of the catalogue's pinned
   * Elasticsearch image, so that the version is reviewed with the operator's.
   */
  public static String stackVersion(Stack stack) {
    return stack.require("logs").install("eck-operator").image("elasticsearch").tag();
  }

  public LogsUnit() {}

  public LogsUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "logs";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    boolean eck = component.is("eck");
    String fluentNamespace = component.install("fluent-bit").namespace();
    objects.add(
        PlatformObjects.namespace(
            component.namespace(), capability(), eck ? "restricted" : "baseline"));
    // Fluent Bit tails container logs on every node's file system.
    objects.add(PlatformObjects.namespace(fluentNamespace, capability(), "privileged"));
    objects.add(
        ComponentApplication.of(stack, component, "fluent-bit")
            .values(
                Values.map(
                    "containerRuntime",
                    "containerd",
                    "fluentbit",
                    Values.map(
                        "input",
                        Values.map("tail", Values.map("enable", true)),
                        "filter",
                        Values.map("kubernetes", Values.map("enable", true, "labels", true)),
                        "output",
                        Values.map(
                            "es",
                            Values.map("enable", false),
                            "loki",
                            Values.map("enable", false)))))
            .build());
    if (eck) {
      objects.addAll(elastic(stack, component, fluentNamespace));
    } else {
      objects.add(
          ComponentApplication.of(stack, component, "loki").values(lokiValues(stack)).build());
      objects.add(Backend.loki(stack).service());
    }
    for (TenantModel tenant : stack.tenants()) {
      objects.addAll(TenantLogs.pipeline(stack, tenant, eck));
    }
    return objects;
  }

  private static List<HasMetadata> elastic(
      Stack stack, Component component, String fluentNamespace) {
    List<HasMetadata> objects = new ArrayList<>();
    String namespace = Backend.ELASTIC_NAMESPACE;
    objects.add(PlatformObjects.namespace(namespace, "logs", "baseline"));
    // The chart's pod context sets no seccomp profile, which the restricted elastic-system
    // requires.
    objects.add(
        ComponentApplication.of(stack, component, "eck-operator")
            .values(
                Values.map(
                    "podSecurityContext",
                    Values.map(
                        "runAsNonRoot",
                        true,
                        "seccompProfile",
                        Values.map("type", "RuntimeDefault"))))
            .build());
    Optional<OidcClient> signOn = OidcClients.find(stack, OidcClients.KIBANA);
    objects.add(ElasticStack.elasticsearch(stack, namespace, signOn));
    objects.add(ElasticStack.kibana(stack, namespace, signOn));
    objects.add(Backend.elasticsearch(stack).service());
    signOn.ifPresent(
        kibana ->
            objects.addAll(
                PlatformSecrets.copy(
                    stack,
                    kibana.secretName(),
                    namespace,
                    kibana.storePath(),
                    List.of(OidcClient.SECRET_KEY))));
    if (ElasticLicense.of(component) == ElasticLicense.ENTERPRISE) {
      // The operator applies the licence to every cluster it manages; administrators put the
      // licence file into OpenBao once (without a secret store, they create the Secret).
      objects.addAll(
          PlatformSecrets.copy(
              stack,
              ElasticLicense.SECRET,
              component.install("eck-operator").namespace(),
              ElasticLicense.STORE_PATH,
              List.of(ElasticLicense.SECRET_KEY),
              Map.of(ElasticLicense.SCOPE_LABEL, "operator")));
    }
    objects.addAll(
        PlatformSecrets.copy(
            stack,
            TenantLogs.FLUENT_BIT_SECRET,
            fluentNamespace,
            TenantLogs.FLUENT_BIT_STORE_PATH,
            List.of("username", "password")));
    for (ElasticUser user : ElasticUser.of(stack)) {
      objects.addAll(user.realmExternalSecret(stack));
    }
    objects.addAll(ElasticConfiguration.of(stack, component));
    objects.add(
        PlatformObjects.route(
            stack, "kibana", namespace, stack.host(Hosts.KIBANA), CLUSTER + "-kb-http", 5601));
    return objects;
  }

  /** Loki with one tenant per Bulwark tenant, each with its own retention. */
  private static Map<String, Object> lokiValues(Stack stack) {
    Map<String, Object> overrides = new java.util.TreeMap<>();
    for (TenantModel tenant : stack.tenants()) {
      overrides.put(
          TenantLogs.scope(stack, tenant),
          Values.map("retention_period", TenantLogs.retentionDays(stack, tenant) * 24 + "h"));
    }
    return Values.map(
        "deploymentMode",
        "SingleBinary",
        "loki",
        Values.map(
            "auth_enabled", true,
            "commonConfig", Values.map("replication_factor", 1),
            "compactor",
                Values.map("retention_enabled", true, "delete_request_store", "filesystem"),
            // Grafana reads every tenant's logs in one query, naming them all in X-Scope-OrgID.
            "limits_config",
                Values.map(
                    "retention_period",
                    TenantLogs.DEFAULT_RETENTION_DAYS * 24 + "h",
                    "multi_tenant_queries_enabled",
                    true),
            "runtimeConfig", Values.map("overrides", overrides),
            "storage", Values.map("type", "filesystem"),
            "schemaConfig",
                Values.map(
                    "configs",
                    Values.list(
                        Values.map(
                            "from",
                            "2024-04-01",
                            "store",
                            "tsdb",
                            "object_store",
                            "filesystem",
                            "schema",
                            "v13",
                            "index",
                            Values.map("prefix", "loki_index_", "period", "24h"))))),
        "singleBinary",
        Values.map("replicas", 1),
        "read",
        Values.map("replicas", 0),
        "write",
        Values.map("replicas", 0),
        "backend",
        Values.map("replicas", 0));
  }

  static Map<String, String> labels() {
    return Ownership.platform();
  }

  static CustomResource elasticResource(String apiVersion, String kind, String namespace) {
    return CustomResource.of(apiVersion, kind)
        .name(CLUSTER)
        .namespace(namespace)
        .labels(labels())
        .wave(SyncWave.RESOURCES);
  }
}
