package dev.bulwark.platform.stack;

/**
 * One catalogue component as the platform units install it: pinned source, namespace and wave.
 *
 * @param component the catalogue id, for example {@code cert-manager}; also its Application's name
 * @param type how Argo CD fetches it: {@code helm}, {@code oci}, {@code git} or {@code manifest}
 * @param repository the chart repository, OCI registry path, Git URL or release manifest URL
 * @param chart the chart name (helm and oci only, else null)
 * @param path the directory in the Git repository (git only, else null)
 * @param version chart version, Git tag or release
 * @param appVersion the version of the software it runs, which pins the images of Bulwark's
 *     configuration jobs to the same release
 * @param namespace where it is installed, already resolved against the platform spec
 * @param syncWave the Argo CD sync wave of its Application
 * @param warning a caution about choosing it (for example: retired upstream), or null
 */
public record Install(
    String component,
    String type,
    String repository,
    String chart,
    String path,
    String version,
    String appVersion,
    String namespace,
    int syncWave,
    String warning) {}
