package dev.bulwark.platform.secrets;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.SecretSpec;
import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider;
import dev.bulwark.platform.kinds.externalsecrets.VaultProvider.ServiceAccountRef;
import dev.bulwark.platform.logs.ElasticUser;
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
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets: OpenBao and External Secrets Operator. Each tenant namespace gets a SecretStore bound to
 * the tenant's OpenBao role, which can only read {@code tenants/<tenant>/*}; platform components
 * read {@code platform/*} through a ClusterSecretStore only their namespaces may use. Every
 * application secret becomes an ExternalSecret from its tenant's store.
 */
public final class SecretsUnit extends ComponentUnit {

  /** The SecretStore in every tenant namespace. */
  public static final String TENANT_STORE = "tenant";

  public SecretsUnit() {}

  public SecretsUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "secrets";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    String baoNamespace = component.install("openbao").namespace();
    String esoNamespace = component.install("external-secrets").namespace();
    objects.add(PlatformObjects.namespace(baoNamespace, capability(), "restricted"));
    objects.add(PlatformObjects.namespace(esoNamespace, capability(), "restricted"));
    objects.add(
        ComponentApplication.of(stack, component, "openbao")
            .values(OpenBaoServer.values(component, baoNamespace))
            .build());
    objects.add(
        ComponentApplication.of(stack, component, "external-secrets")
            .values(
                Values.map(
                    "installCRDs",
                    true,
                    "serviceMonitor",
                    Values.map("enabled", stack.has("metrics"))))
            .build());
    objects.add(platformStore(stack));
    objects.addAll(configuration(stack, component, baoNamespace, esoNamespace));
    objects.addAll(SigningPublicKeys.objects(stack));
    for (TenantModel tenant : stack.tenants()) {
      for (EnvironmentModel env : tenant.environments()) {
        objects.add(
            serviceAccount(env.namespace(), Ownership.environment(tenant.name(), env.name())));
        objects.add(tenantStore(stack, tenant, env));
      }
      if (TenantCi.hasPipelines(stack, tenant)) {
        objects.addAll(ciStore(stack, tenant));
      }
      for (Application app : tenant.applications()) {
        for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
          for (SecretSpec secret :
              app.getSpec().getSecrets() == null
                  ? List.<SecretSpec>of()
                  : app.getSpec().getSecrets()) {
            objects.add(externalSecret(tenant, env, app, secret));
          }
        }
      }
    }
    return objects;
  }

  private static HasMetadata platformStore(Stack stack) {
    VaultProvider vault =
        vault(
            stack,
            OpenBao.PLATFORM_ROLE,
            new ServiceAccountRef(
                "external-secrets",
                stack.require("secrets").install("external-secrets").namespace()));
    // Only the platform's component namespaces may read platform credentials.
    return CustomResource.of(
            SecretStoreSpec.cluster(vault, List.of(PlatformObjects.COMPONENT_LABEL)))
        .name(PlatformSecrets.PLATFORM_STORE)
        .labels(Ownership.platform())
        .wave(SyncWave.SECRET_STORES)
        .build();
  }

  private static VaultProvider vault(Stack stack, String role, ServiceAccountRef serviceAccount) {
    return new VaultProvider(
        OpenBao.address(stack),
        PlatformSecrets.KV_MOUNT,
        "v2",
        OpenBao.AUTH_MOUNT,
        role,
        serviceAccount);
  }

  private static HasMetadata serviceAccount(String namespace, Map<String, String> labels) {
    return CustomResource.withWave(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(OpenBao.TENANT_SERVICE_ACCOUNT)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(false)
            .build(),
        SyncWave.TENANT_STORES);
  }

  /**
   * The store of the tenant's CI namespace, logging in with the tenant's CI role, and the
   * ServiceAccount it logs in as.
   */
  private static List<HasMetadata> ciStore(Stack stack, TenantModel tenant) {
    String namespace = TenantCi.namespace(tenant.name());
    Map<String, String> labels = Ownership.platform();
    return List.of(
        serviceAccount(namespace, labels),
        CustomResource.of(
                SecretStoreSpec.namespaced(
                    vault(
                        stack,
                        OpenBao.ciRole(tenant.name()),
                        new ServiceAccountRef(OpenBao.TENANT_SERVICE_ACCOUNT, null))))
            .name(TENANT_STORE)
            .namespace(namespace)
            .labels(labels)
            .wave(SyncWave.TENANT_STORES)
            .build());
  }

  static HasMetadata tenantStore(Stack stack, TenantModel tenant, EnvironmentModel env) {
    return CustomResource.of(
            SecretStoreSpec.namespaced(
                vault(
                    stack,
                    OpenBao.tenantRole(tenant.name()),
                    new ServiceAccountRef(OpenBao.TENANT_SERVICE_ACCOUNT, null))))
        .name(TENANT_STORE)
        .namespace(env.namespace())
        .labels(Ownership.environment(tenant.name(), env.name()))
        .wave(SyncWave.TENANT_STORES)
        .build();
  }

  private static HasMetadata externalSecret(
      TenantModel tenant, EnvironmentModel env, Application app, SecretSpec secret) {
    String key = OpenBao.tenantPath(tenant.name()) + "/" + secret.getPath().replaceAll("^/+", "");
    return CustomResource.of(
            ExternalSecretSpec.extract(
                SecretStoreRef.namespaced(TENANT_STORE), SecretTarget.owned(secret.getName()), key))
        .name(Names.subdomain(secret.getName()))
        .namespace(env.namespace())
        .labels(Ownership.application(tenant.name(), env.name(), app.getMetadata().getName()))
        .wave(SyncWave.TENANT_SECRETS)
        .build();
  }

  /**
   * The OpenBao configuration job: mount, policies, roles, and the platform's generated client
   * secrets.
   */
  private static List<HasMetadata> configuration(
      Stack stack, Component component, String baoNamespace, String esoNamespace) {
    Map<String, String> files = new TreeMap<>();
    files.put("policy-" + OpenBao.PLATFORM_ROLE + ".hcl", OpenBao.platformPolicy());
    files.put("role-" + OpenBao.PLATFORM_ROLE, esoNamespace + "\nexternal-secrets\n");
    files.putAll(SigningPublicKeys.configuration(stack));
    for (TenantModel tenant : stack.tenants()) {
      String role = OpenBao.tenantRole(tenant.name());
      files.put("policy-" + role + ".hcl", OpenBao.tenantPolicy(tenant.name()));
      files.put(
          "role-" + role,
          String.join(",", OpenBao.tenantNamespaces(tenant))
              + "\n"
              + OpenBao.TENANT_SERVICE_ACCOUNT
              + "\n");
      if (TenantCi.hasPipelines(stack, tenant)) {
        String ciRole = OpenBao.ciRole(tenant.name());
        files.put("policy-" + ciRole + ".hcl", OpenBao.ciPolicy(tenant.name()));
        files.put(
            "role-" + ciRole,
            TenantCi.namespace(tenant.name()) + "\n" + OpenBao.TENANT_SERVICE_ACCOUNT + "\n");
      }
    }
    StringBuilder clients = new StringBuilder();
    for (OidcClient client : OidcClients.of(stack)) {
      if (client.confidential()) {
        clients.append(client.storePath()).append('\n');
      }
    }
    ElasticUser.of(stack).forEach(user -> clients.append(user.generatedSecretLine()).append('\n'));
    for (TenantModel tenant : stack.tenants()) {
      if (TenantCi.hasPipelines(stack, tenant)) {
        // The webhook secret: generated once; the tenant reads it to configure its Git host.
        clients.append(OpenBaoPaths.ciWebhook(tenant.name())).append(" secret\n");
      }
    }
    files.put("generated-secrets", clients.toString());
    if (stack.has("registry")) {
      // Harbor's configuration Job stores each tenant's robot account in the tenant's path.
      files.put("policy-" + OpenBaoPaths.REGISTRY_ROLE + ".hcl", OpenBaoPaths.registryPolicy());
      files.put(
          "role-" + OpenBaoPaths.REGISTRY_ROLE,
          stack.require("registry").namespace()
              + "\n"
              + OpenBaoPaths.REGISTRY_SERVICE_ACCOUNT
              + "\n");
    }
    String image = component.install("openbao").image("openbao").reference();
    List<HasMetadata> objects = new ArrayList<>(OpenBaoServer.initJob(component, baoNamespace));
    objects.add(
        CustomResource.withWave(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(OpenBaoServer.CONFIG_SERVICE_ACCOUNT)
                .withNamespace(baoNamespace)
                .withLabels(Ownership.platform())
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build(),
            SyncWave.SECRETS_INIT));
    // Before the secret stores (SECRET_STORES) log in with the roles it writes.
    for (HasMetadata object :
        ConfigJob.of(
            "bulwark-openbao-config",
            baoNamespace,
            image,
            SCRIPT,
            files,
            List.of(
                ConfigJob.env("BAO_ADDR", OpenBao.address(stack)),
                ConfigJob.env("KV_MOUNT", PlatformSecrets.KV_MOUNT),
                ConfigJob.env("AUTH_MOUNT", OpenBao.AUTH_MOUNT),
                ConfigJob.env("BOOTSTRAP_ROLE", OpenBaoServer.BOOTSTRAP_ROLE)),
            OpenBaoServer.CONFIG_SERVICE_ACCOUNT)) {
      objects.add(CustomResource.withWave(object, SyncWave.SECRETS_CONFIG));
    }
    return objects;
  }

  /** Idempotent: enabling what is enabled fails harmlessly; policies and roles are overwritten. */
  private static final String SCRIPT = Scripts.load(SecretsUnit.class, "openbao-config.sh");
}
