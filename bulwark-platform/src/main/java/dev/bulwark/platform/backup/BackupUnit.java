package dev.bulwark.platform.backup;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.PlatformSpec.BackupSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.ObjectStoreSpec;
import dev.bulwark.platform.distribution.Distribution;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backups: Velero writing to the platform's object store, a Schedule per tenant covering all of its
 * namespaces with the platform's retention, and a Schedule per application that asks for its own.
 * Databases back up to the same store (see the database unit).
 */
public final class BackupUnit extends ComponentUnit {

  public static final String LOCATION = "default";

  public BackupUnit() {}

  public BackupUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "backup";
  }

  /** Velero's cloud identity, which its AWS plugin and CSI snapshots use instead of a key. */
  private static java.util.Map<String, Object> veleroIdentity(Stack stack) {
    Distribution distribution = Distribution.of(stack.spec());
    return distribution.identityValues(distribution.backupIdentity(), "serviceAccount.server");
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    // Velero's node agent reads pod volumes from the host.
    objects.add(PlatformObjects.namespace(component.namespace(), capability(), "privileged"));
    objects.add(
        ComponentApplication.of(stack, component, "velero")
            .values(
                Values.merge(
                    Values.map(
                        "initContainers",
                            Values.list(
                                Values.map(
                                    "name",
                                    "velero-plugin-for-aws",
                                    "image",
                                    // The AWS plugin speaks every S3-compatible store; the
                                    // catalogue
                                    // pins the release matching Velero.
                                    component
                                        .install("velero")
                                        .image("velero-plugin-for-aws")
                                        .reference(),
                                    "volumeMounts",
                                    Values.list(
                                        Values.map("mountPath", "/target", "name", "plugins")))),
                        "deployNodeAgent", true,
                        "snapshotsEnabled", false,
                        // Bulwark renders the BackupStorageLocation itself; the chart's would be a
                        // second "default",
                        // with no provider or bucket.
                        "backupsEnabled", false,
                        "credentials", Values.map("useSecret", false),
                        "configuration",
                            Values.map("features", "EnableCSI", "defaultVolumesToFsBackup", false),
                        "metrics",
                            Values.map(
                                "serviceMonitor", Values.map("enabled", stack.has("metrics")))),
                    veleroIdentity(stack)))
            .build());
    BackupSpec backup = stack.backup().orElse(null);
    if (backup == null) {
      return objects; // the spec check rejects backups without an object store
    }
    objects.add(location(component, backup.getObjectStore()));
    for (TenantModel tenant : stack.tenants()) {
      objects.add(
          schedule(
              component,
              Names.label("tenant", tenant.name()),
              Ownership.tenant(tenant.name()),
              backup.getSchedule(),
              retention(backup),
              tenant.namespaces(),
              null));
      for (Application app : tenant.applications()) {
        if (app.getSpec().getBackup() != null && app.getSpec().getBackup().getSchedule() != null) {
          String name = app.getMetadata().getName();
          List<String> namespaces =
              RoutingUnit.environmentsOf(app, tenant).stream()
                  .map(EnvironmentModel::namespace)
                  .toList();
          objects.add(
              schedule(
                  component,
                  Names.label("app", tenant.name(), name),
                  Ownership.tenant(tenant.name()),
                  app.getSpec().getBackup().getSchedule(),
                  retention(backup),
                  namespaces,
                  name));
        }
      }
    }
    return objects;
  }

  private static String retention(BackupSpec backup) {
    return backup.getRetention() == null ? "720h" : backup.getRetention();
  }

  private static HasMetadata location(Component component, ObjectStoreSpec store) {
    Map<String, Object> config =
        Values.map("region", store.getRegion() == null ? "us-east-1" : store.getRegion());
    if (store.getEndpoint() != null) {
      config.put("s3Url", store.getEndpoint());
      config.put("s3ForcePathStyle", "true");
    }
    return CustomResource.of("velero.io/v1", "BackupStorageLocation")
        .name(LOCATION)
        .namespace(component.namespace())
        .labels(Ownership.platform())
        .wave(SyncWave.RESOURCES)
        .spec(
            Values.map(
                "provider",
                "aws",
                "default",
                true,
                "objectStorage",
                Values.map("bucket", store.getBucket(), "prefix", "velero"),
                "config",
                config,
                "credential",
                Values.map("name", store.getCredentialsSecret(), "key", "cloud")))
        .build();
  }

  private static HasMetadata schedule(
      Component component,
      String name,
      Map<String, String> labels,
      String cron,
      String ttl,
      List<String> namespaces,
      String application) {
    Map<String, Object> template =
        Values.map(
            "includedNamespaces",
            new ArrayList<Object>(namespaces),
            "storageLocation",
            LOCATION,
            "ttl",
            ttl,
            "snapshotMoveData",
            true);
    if (application != null) {
      template.put(
          "labelSelector",
          Values.map("matchLabels", Values.map("app.kubernetes.io/name", application)));
    }
    return CustomResource.of("velero.io/v1", "Schedule")
        .name(name)
        .namespace(component.namespace())
        .labels(labels)
        .wave(SyncWave.TENANTS)
        .spec(
            Values.map("schedule", cron, "useOwnerReferencesInBackup", false, "template", template))
        .build();
  }
}
