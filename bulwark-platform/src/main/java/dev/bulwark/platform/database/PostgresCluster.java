package dev.bulwark.platform.database;

import dev.bulwark.api.v1alpha1.PlatformSpec.BackupSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.ObjectStoreSpec;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudNativePG cluster, with continuous WAL archiving and base backups to the platform's object
 * store when the platform has one: the same store Velero writes to, under {@code cnpg/}.
 */
public final class PostgresCluster {

  /** The Secret, in the cluster's namespace, with the object store's access keys for CNPG. */
  public static final String BACKUP_CREDENTIALS = "bulwark-backup-credentials";

  /** Where OpenBao keeps the object store's keys for the platform's own databases (Keycloak's). */
  public static final String PLATFORM_BACKUP_STORE_PATH = "platform/backup";

  public static final String ACCESS_KEY = "ACCESS_KEY_ID";
  public static final String SECRET_KEY = "ACCESS_SECRET_KEY";

  private PostgresCluster() {}

  public static HasMetadata of(
      Stack stack,
      String name,
      String namespace,
      Map<String, String> labels,
      int instances,
      String size,
      String database,
      SyncWave wave) {
    Map<String, Object> spec =
        Values.map(
            "instances", instances,
            "storage", Values.map("size", size),
            "bootstrap", Values.map("initdb", Values.map("database", database, "owner", database)),
            "monitoring", Values.map("enablePodMonitor", stack.has("metrics")));
    stack.backup().ifPresent(backup -> spec.put("backup", backup(backup, namespace, name)));
    return CustomResource.of("postgresql.cnpg.io/v1", "Cluster")
        .name(name)
        .namespace(namespace)
        .labels(labels)
        .wave(wave)
        .spec(spec)
        .build();
  }

  private static Map<String, Object> backup(BackupSpec backup, String namespace, String name) {
    ObjectStoreSpec store = backup.getObjectStore();
    Map<String, Object> objectStore =
        Values.map(
            "destinationPath", "s3://" + store.getBucket() + "/cnpg/" + namespace + "/" + name,
            "endpointURL", store.getEndpoint(),
            "s3Credentials",
                Values.map(
                    "accessKeyId", Values.map("name", BACKUP_CREDENTIALS, "key", ACCESS_KEY),
                    "secretAccessKey", Values.map("name", BACKUP_CREDENTIALS, "key", SECRET_KEY)),
            "wal", Values.map("compression", "gzip"),
            "data", Values.map("compression", "gzip"));
    return Values.map(
        "barmanObjectStore",
        objectStore,
        "retentionPolicy",
        retentionDays(backup.getRetention()) + "d");
  }

  /**
   * The cluster and, when the platform has an object store, a CNPG ScheduledBackup of it: base
   * backups to the cluster's object store on the platform's backup schedule (or {@code schedule}
   * when not null), so that WAL archiving has a base to replay from and the retention policy has
   * backups to expire.
   *
   * <p>Not schema-checked here: ../shared/crds has only CNPG's Cluster CRD. The shape follows
   * CNPG's ScheduledBackupSpec (api/v1/scheduledbackup_types.go): required {@code schedule} and
   * {@code cluster.name}; {@code backupOwnerReference} in none|self|cluster; {@code method} in
   * barmanObjectStore|volumeSnapshot|plugin.
   */
  public static List<HasMetadata> withBackups(Stack stack, HasMetadata cluster, String schedule) {
    Optional<BackupSpec> backup = stack.backup();
    if (backup.isEmpty()) {
      return List.of(cluster);
    }
    String cron = schedule != null ? schedule : backup.get().getSchedule();
    ObjectMeta meta = cluster.getMetadata();
    return List.of(
        cluster,
        CustomResource.of("postgresql.cnpg.io/v1", "ScheduledBackup")
            .name(meta.getName())
            .namespace(meta.getNamespace())
            .labels(meta.getLabels())
            .annotation(SyncWave.ANNOTATION, meta.getAnnotations().get(SyncWave.ANNOTATION))
            .annotation("argocd.argoproj.io/sync-options", CustomResource.SKIP_DRY_RUN)
            .spec(
                Values.map(
                    "schedule",
                    withSeconds(cron),
                    "cluster",
                    Values.map("name", meta.getName()),
                    "method",
                    "barmanObjectStore",
                    // The backups go when the ScheduledBackup goes, as the cluster's own would.
                    "backupOwnerReference",
                    "self",
                    "immediate",
                    true))
            .build());
  }

  /**
   * CNPG parses schedules with robfig/cron, whose expressions lead with a seconds field, unlike
   * Kubernetes' and Velero's five-field cron; descriptors such as {@code @daily} are the same.
   */
  static String withSeconds(String cron) {
    String trimmed = cron.trim();
    return trimmed.startsWith("@") || trimmed.split("\\s+").length != 5 ? trimmed : "0 " + trimmed;
  }

  /** Velero's retention in hours ({@code 720h}) as CNPG's in days, rounded up, at least one. */
  static long retentionDays(String hours) {
    long h = hours == null ? 720 : Long.parseLong(hours.replace("h", ""));
    return Math.max(1, (h + 23) / 24);
  }
}
