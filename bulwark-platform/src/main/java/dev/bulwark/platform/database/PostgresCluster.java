package dev.bulwark.platform.database;

import dev.bulwark.api.v1alpha1.PlatformSpec.BackupSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec.ObjectStoreSpec;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.Values;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * A CloudNativePG cluster, with continuous WAL archiving and base backups to the platform's
 * object store when the platform has one: the same store Velero writes to, under {@code cnpg/}.
 */
public final class PostgresCluster {

  /** The Secret, in the cluster's namespace, with the object store's access keys for CNPG. */
  public static final String BACKUP_CREDENTIALS = "bulwark-backup-credentials";
  public static final String ACCESS_KEY = "ACCESS_KEY_ID";
  public static final String SECRET_KEY = "ACCESS_SECRET_KEY";

  private PostgresCluster() {}

  public static HasMetadata of(Stack stack, String name, String namespace, Map<String, String> labels,
      int instances, String size, String database, SyncWave wave) {
    Map<String, Object> spec = Values.map(
        "instances", instances,
        "storage", Values.map("size", size),
        "bootstrap", Values.map("initdb", Values.map("database", database, "owner", database)),
        "monitoring", Values.map("enablePodMonitor", stack.has("metrics")));
    stack.backup().ifPresent(backup -> spec.put("backup", backup(backup, namespace, name)));
    return CustomResource.of("postgresql.cnpg.io/v1", "Cluster")
        .name(name).namespace(namespace).labels(labels).wave(wave).spec(spec).build();
  }

  private static Map<String, Object> backup(BackupSpec backup, String namespace, String name) {
    ObjectStoreSpec store = backup.getObjectStore();
    Map<String, Object> objectStore = Values.map(
        "destinationPath", "s3://" + store.getBucket() + "/cnpg/" + namespace + "/" + name,
        "endpointURL", store.getEndpoint(),
        "s3Credentials", Values.map(
            "accessKeyId", Values.map("name", BACKUP_CREDENTIALS, "key", ACCESS_KEY),
            "secretAccessKey", Values.map("name", BACKUP_CREDENTIALS, "key", SECRET_KEY)),
        "wal", Values.map("compression", "gzip"),
        "data", Values.map("compression", "gzip"));
    return Values.map("barmanObjectStore", objectStore, "retentionPolicy", retentionDays(backup.getRetention()) + "d");
  }

  /** Velero's retention in hours ({@code 720h}) as CNPG's in days, rounded up, at least one. */
  static long retentionDays(String hours) {
    long h = hours == null ? 720 : Long.parseLong(hours.replace("h", ""));
    return Math.max(1, (h + 23) / 24);
  }
}
