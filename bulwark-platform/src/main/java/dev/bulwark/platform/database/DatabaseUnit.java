package dev.bulwark.platform.database;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.DatabaseSpec;
import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.secrets.SecretsUnit;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Databases: the CloudNativePG operator, and a PostgreSQL cluster in each environment of every
 * application that asks for one, backed up to the platform's object store with credentials from the
 * tenant's own secret path.
 */
public final class DatabaseUnit extends ComponentUnit {

  public DatabaseUnit() {}

  public DatabaseUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "database";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "restricted"));
    objects.add(
        ComponentApplication.of(stack, component, "cloudnative-pg")
            .values(
                Values.map(
                    "crds", Values.map("create", true),
                    "monitoring", Values.map("podMonitorEnabled", stack.has("metrics"))))
            .build());
    for (TenantModel tenant : stack.tenants()) {
      java.util.Set<EnvironmentModel> withDatabases = new java.util.LinkedHashSet<>();
      for (Application app : tenant.applications()) {
        DatabaseSpec db = app.getSpec().getDatabase();
        if (db == null) {
          continue;
        }
        String name = app.getMetadata().getName();
        for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
          var labels = Ownership.application(tenant.name(), env.name(), name);
          HasMetadata cluster =
              PostgresCluster.of(
                  stack,
                  Names.label(name, "db"),
                  env.namespace(),
                  labels,
                  db.getInstances() == null ? 1 : db.getInstances(),
                  db.getSize() == null ? "10Gi" : db.getSize(),
                  Names.label(name).replace('-', '_'),
                  SyncWave.TENANTS);
          objects.addAll(
              PostgresCluster.withBackups(
                  stack,
                  cluster,
                  app.getSpec().getBackup() == null
                      ? null
                      : app.getSpec().getBackup().getSchedule()));
          objects.add(operatorAccess(component, tenant, env, name));
          withDatabases.add(env);
        }
      }
      if (stack.backup().isPresent() && stack.has("secrets")) {
        withDatabases.forEach(env -> objects.add(backupCredentials(tenant, env)));
      }
    }
    return objects;
  }

  /**
   * The tenant's default-deny lets nothing in from other namespaces; the operator must reach its
   * instances' status endpoint and PostgreSQL port, and the instances its API and the store.
   */
  private static HasMetadata operatorAccess(
      Component component, TenantModel tenant, EnvironmentModel env, String app) {
    return CustomResource.withWave(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(Names.label(app, "db-operator"))
            .withNamespace(env.namespace())
            .withLabels(Ownership.application(tenant.name(), env.name(), app))
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .addToMatchLabels("cnpg.io/cluster", Names.label(app, "db"))
            .endPodSelector()
            .withPolicyTypes("Ingress", "Egress")
            .addNewIngress()
            .addNewFrom()
            .withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", component.namespace())
            .endNamespaceSelector()
            .endFrom()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(8000))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(5432))
            .endPort()
            .endIngress()
            .addNewEgress()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(443))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(6443))
            .endPort()
            .endEgress()
            .endSpec()
            .build(),
        SyncWave.TENANTS);
  }

  /** The store's access keys from the tenant's path: each tenant can have its own, scoped, keys. */
  private static HasMetadata backupCredentials(TenantModel tenant, EnvironmentModel env) {
    return CustomResource.of(
            ExternalSecretSpec.extract(
                SecretStoreRef.namespaced(SecretsUnit.TENANT_STORE),
                SecretTarget.owned(PostgresCluster.BACKUP_CREDENTIALS),
                OpenBaoPaths.tenant(tenant.name()) + "/backup"))
        .name(PostgresCluster.BACKUP_CREDENTIALS)
        .namespace(env.namespace())
        .labels(Ownership.environment(tenant.name(), env.name()))
        .wave(SyncWave.TENANT_SECRETS)
        .build();
  }
}
