package dev.bulwark.platform.distribution;

import java.util.Map;
import java.util.Optional;

/**
 * A distribution's default StorageClass and, where its driver can take them, VolumeSnapshotClass.
 *
 * @param provisioner the CSI driver (or k3s' local-path provisioner)
 * @param parameters the StorageClass parameters the driver reads
 * @param snapshotter the driver of the VolumeSnapshotClass; empty when the driver has no snapshots
 * @param expandable whether volumes can grow in place
 */
public record StorageDefaults(
    String provisioner,
    Map<String, String> parameters,
    Optional<String> snapshotter,
    boolean expandable) {

  /**
   * k3s' bundled local-path provisioner: host directories, so neither snapshots nor expansion;
   * Velero's file-system backup is the only way to back such volumes up.
   */
  public static final StorageDefaults LOCAL_PATH =
      new StorageDefaults("rancher.io/local-path", Map.of(), Optional.empty(), false);

  public StorageDefaults {
    parameters = Map.copyOf(parameters);
  }

  /** A CSI driver that snapshots its own volumes and can expand them. */
  static StorageDefaults withSnapshots(String driver, Map<String, String> parameters) {
    return new StorageDefaults(driver, parameters, Optional.of(driver), true);
  }
}
