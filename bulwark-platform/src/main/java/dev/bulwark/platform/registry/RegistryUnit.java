package dev.bulwark.platform.registry;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec.ScopeSpec;
import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretData;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.TargetTemplate;
import dev.bulwark.platform.secrets.OpenBao;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.secrets.SecretsUnit;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.ConfigJob;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Scripts;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.tenancy.TenancyUnit;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registry: Harbor with single sign-on, and per tenant a private project scanned on push, a
 * retention rule and a robot account for the tenant's pipelines, applied through Harbor's API.
 */
public final class RegistryUnit extends ComponentUnit {

  public static final String ADMIN_SECRET = "harbor-admin";
  public static final int DEFAULT_RETENTION_DAYS = 90;

  // The placeholders of the project templates, which the script fills in (projectTemplates).
  static final String PROJECT = "@PROJECT@";
  static final String TENANT = "@TENANT@";
  static final String DAYS = "@DAYS@";
  static final String PROJECT_ID = "@PROJECT_ID@";

  public RegistryUnit() {}

  public RegistryUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "registry";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    String namespace = component.namespace();
    OidcClient client = OidcClients.require(stack, OidcClients.HARBOR);
    objects.add(PlatformObjects.namespace(namespace, capability(), "baseline"));
    objects.add(
        ComponentApplication.of(stack, component, "harbor")
            .values(
                Values.map(
                    "expose", Values.map("type", "clusterIP", "tls", Values.map("enabled", false)),
                    "externalURL", client.baseUrl(),
                    "existingSecretAdminPassword", ADMIN_SECRET,
                    "existingSecretAdminPasswordKey", "HARBOR_ADMIN_PASSWORD",
                    "trivy", Values.map("enabled", true),
                    "metrics",
                        Values.map(
                            "enabled",
                            stack.has("metrics"),
                            "serviceMonitor",
                            Values.map("enabled", stack.has("metrics")))))
            .build());
    objects.add(
        PlatformObjects.route(
            stack, "harbor", namespace, stack.platform().registryHost(), "harbor", 80));
    objects.addAll(
        PlatformSecrets.copy(
            stack,
            ADMIN_SECRET,
            namespace,
            OpenBaoPaths.PLATFORM + "/registry/admin",
            List.of("HARBOR_ADMIN_PASSWORD")));
    objects.addAll(
        PlatformSecrets.copy(
            stack,
            client.secretName(),
            namespace,
            client.storePath(),
            List.of(OidcClient.SECRET_KEY)));
    objects.addAll(configuration(stack, component, client));
    if (stack.has("secrets")) {
      for (TenantModel tenant : stack.tenants()) {
        tenant.environments().forEach(env -> objects.add(pullSecret(stack, tenant, env)));
      }
    }
    return objects;
  }

  /**
   * The tenant's robot account as the docker-registry Secret its pipeline ServiceAccount pulls and
   * pushes with ({@link TenancyUnit#REGISTRY_PULL_SECRET}): External Secrets reads the robot's name
   * and secret from the tenant's own store path, where the configuration Job put them, and
   * templates the Docker config; no credential is in the tree.
   */
  static HasMetadata pullSecret(Stack stack, TenantModel tenant, EnvironmentModel env) {
    return robotSecret(
        stack, tenant, env.namespace(), Ownership.environment(tenant.name(), env.name()));
  }

  /**
   * The same docker-registry Secret in any namespace the tenant's store serves, for example the
   * tenant's CI namespace, where the pipeline's build step pushes with it.
   */
  public static HasMetadata robotSecret(
      Stack stack, TenantModel tenant, String namespace, Map<String, String> labels) {
    // A raw Go string (backticks) keeps the template valid JSON before External Secrets renders it.
    String auth = "{{ printf `%s:%s` .name .secret | b64enc }}";
    String dockerConfig =
        "{\"auths\":{\"" + stack.platform().registryHost() + "\":{\"auth\":\"" + auth + "\"}}}";
    return CustomResource.of(
            ExternalSecretSpec.properties(
                SecretStoreRef.namespaced(SecretsUnit.TENANT_STORE),
                new SecretTarget(
                    TenancyUnit.REGISTRY_PULL_SECRET,
                    TargetTemplate.typed(
                        "kubernetes.io/dockerconfigjson",
                        Map.of(".dockerconfigjson", dockerConfig))),
                List.of(
                    SecretData.property("name", OpenBaoPaths.registryRobot(tenant.name()), "name"),
                    SecretData.property(
                        "secret", OpenBaoPaths.registryRobot(tenant.name()), "secret"))))
        .name(TenancyUnit.REGISTRY_PULL_SECRET)
        .namespace(namespace)
        .labels(labels)
        .wave(SyncWave.TENANT_SECRETS)
        .build();
  }

  /** Harbor's OIDC settings and the tenants' projects, applied by a configuration Job. */
  private static List<HasMetadata> configuration(
      Stack stack, Component component, OidcClient client) {
    List<EnvVar> env =
        new ArrayList<>(
            List.of(
                ConfigJob.env("HARBOR_URL", "http://harbor-core." + component.namespace() + ".svc"),
                ConfigJob.secretEnv("HARBOR_PASSWORD", ADMIN_SECRET, "HARBOR_ADMIN_PASSWORD"),
                ConfigJob.secretEnv(
                    "OIDC_CLIENT_SECRET", client.secretName(), OidcClient.SECRET_KEY)));
    List<HasMetadata> objects = new ArrayList<>();
    String account = null;
    if (stack.has("secrets")) {
      env.add(ConfigJob.env("BAO_ADDR", OpenBao.address(stack)));
      env.add(ConfigJob.env("BAO_LOGIN_PATH", OpenBaoPaths.kubernetesLogin()));
      env.add(ConfigJob.env("BAO_ROLE", OpenBaoPaths.REGISTRY_ROLE));
      account = OpenBaoPaths.REGISTRY_SERVICE_ACCOUNT;
      objects.add(
          CustomResource.withWave(
              new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(OpenBaoPaths.REGISTRY_SERVICE_ACCOUNT)
                  .withNamespace(component.namespace())
                  .withLabels(Ownership.platform())
                  .endMetadata()
                  .withAutomountServiceAccountToken(false)
                  .build(),
              SyncWave.SERVICES));
    }
    objects.addAll(
        ConfigJob.of(
            "bulwark-harbor-config",
            component.namespace(),
            component.install("harbor").image("curl").reference(),
            SCRIPT,
            payloads(stack, client),
            env,
            account));
    return objects;
  }

  /**
   * The Harbor API payloads the script sends, by file name, and the {@code projects} list it walks.
   * A project's payloads differ from another's only in its name, its tenant and its retention, so
   * they are one template each, filled in by the script from the project's line: with a payload per
   * project the ConfigMap passed Kubernetes' 1 MiB limit at about 1,000 tenants.
   */
  private static Map<String, String> payloads(Stack stack, OidcClient client) {
    Map<String, String> files = new TreeMap<>();
    files.put(
        "configurations.json",
        Values.json(
            Values.map(
                "auth_mode",
                "oidc_auth",
                "oidc_name",
                "Bulwark SSO",
                "oidc_endpoint",
                stack.issuerUrl(),
                "oidc_client_id",
                client.clientId(),
                "oidc_scope",
                "openid,profile,email,groups",
                "oidc_groups_claim",
                "groups",
                "oidc_admin_group",
                stack.platform().adminGroup(),
                "oidc_auto_onboard",
                true,
                "oidc_verify_cert",
                true)));
    StringBuilder tenants = new StringBuilder();
    for (TenantModel tenant : stack.tenants()) {
      // The robot's path comes from here; the script does not rebuild it from the tenant's name.
      tenants
          .append(project(stack, tenant))
          .append(' ')
          .append(OpenBaoPaths.data(OpenBaoPaths.registryRobot(tenant.name())))
          .append(' ')
          .append(retentionDays(stack, tenant))
          .append(' ')
          .append(tenant.name())
          .append('\n');
    }
    files.put("projects", tenants.toString());
    files.putAll(projectTemplates());
    return files;
  }

  /**
   * A project, its retention rule and its pipeline robot account, with the placeholders {@value
   * #PROJECT}, {@value #TENANT}, {@value #DAYS} and {@value #PROJECT_ID} (the last two JSON strings
   * here and numbers once filled in, so that each template is itself valid JSON). Project and
   * tenant names are DNS labels, so they need no escaping in JSON or in the script's {@code sed}.
   */
  private static Map<String, String> projectTemplates() {
    Map<String, String> files = new TreeMap<>();
    files.put(
        "project.json",
        Values.json(
            Values.map(
                "project_name",
                PROJECT,
                "metadata",
                Values.map(
                    "public",
                    "false",
                    "auto_scan",
                    "true",
                    "prevent_vul",
                    "true",
                    "severity",
                    "high"))));
    files.put("retention.json", retentionTemplate());
    files.put(
        "robot.json",
        Values.json(
            Values.map(
                "name",
                "pipeline",
                "level",
                "project",
                "duration",
                -1,
                "description",
                "Pipelines of tenant " + TENANT,
                "permissions",
                Values.list(
                    Values.map(
                        "kind",
                        "project",
                        "namespace",
                        PROJECT,
                        "access",
                        Values.list(
                            Values.map("resource", "repository", "action", "push"),
                            Values.map("resource", "repository", "action", "pull")))))));
    return files;
  }

  /** Keep every tag pushed in the last {@value #DAYS} days, checked daily at 04:00. */
  private static String retentionTemplate() {
    return Values.json(
        Values.map(
            "algorithm", "or",
            "rules",
                Values.list(
                    Values.map(
                        "action",
                        "retain",
                        "template",
                        "nDaysSinceLastPush",
                        "params",
                        Values.map("nDaysSinceLastPush", DAYS),
                        "tag_selectors",
                        Values.list(
                            Values.map(
                                "kind", "doublestar", "decoration", "matches", "pattern", "**")),
                        "scope_selectors",
                        Values.map(
                            "repository",
                            Values.list(
                                Values.map(
                                    "kind",
                                    "doublestar",
                                    "decoration",
                                    "repoMatches",
                                    "pattern",
                                    "**"))))),
            "scope", Values.map("level", "project", "ref", PROJECT_ID),
            "trigger",
                Values.map("kind", "Schedule", "settings", Values.map("cron", "0 0 4 * * *"))));
  }

  /** The tenant's Harbor project: its registry scope's name, or the tenant's name. */
  public static String project(Stack stack, TenantModel tenant) {
    return ScopeSpec.nameIn(scope(stack, tenant).orElse(null), tenant.name());
  }

  static int retentionDays(Stack stack, TenantModel tenant) {
    return scope(stack, tenant).map(ScopeSpec::getRetentionDays).orElse(DEFAULT_RETENTION_DAYS);
  }

  private static java.util.Optional<ScopeSpec> scope(Stack stack, TenantModel tenant) {
    return stack
        .context()
        .spec()
        .tenant(tenant.name())
        .map(Tenant::getSpec)
        .map(s -> s.getRegistry());
  }

  /**
   * Idempotent: an existing project answers 409 and is left as is; the robot account is created
   * once, and its secret goes straight to the tenant's store path, never to the log.
   */
  private static final String SCRIPT = Scripts.load(RegistryUnit.class, "harbor-config.sh");
}
