package dev.bulwark.catalog.upgrade;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Objects read from a running cluster, for the removed-API scan. The operator implements it with
 * its client (for example one list per served resource type from discovery); the scan then looks at
 * the versions each object's writers used, see {@link ScannedObject#writtenVersions}.
 */
@FunctionalInterface
public interface LiveObjects {

  /** Every object to check, as the API server returned it, and a name for where it came from. */
  Iterable<HasMetadata> objects();

  /**
   * Where the objects came from, e.g. the cluster's context name; used as each finding's origin.
   */
  default String origin() {
    return "cluster";
  }
}
