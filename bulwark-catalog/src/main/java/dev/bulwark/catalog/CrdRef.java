package dev.bulwark.catalog;

/**
 * A custom resource definition a component installs.
 *
 * @param group API group, e.g. {@code cert-manager.io}
 * @param kind kind, e.g. {@code ClusterIssuer}
 * @param version the version Bulwark writes (the CRD's storage version at the pinned release)
 */
public record CrdRef(String group, String kind, String version) {

  /** {@code group/version} as in {@code apiVersion}. */
  public String apiVersion() {
    return group + "/" + version;
  }
}
