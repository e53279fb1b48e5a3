package dev.bulwark.platform.stack;

import dev.bulwark.catalog.Image;
import java.util.List;

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
 * @param images the images Bulwark runs next to it, pinned in the catalogue with it
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
    String warning,
    List<Image> images) {

  public Install {
    images = List.copyOf(images);
  }

  /** The pinned image the catalogue gives this component under {@code name}. */
  public Image image(String name) {
    return images.stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the catalogue pins no image "
                        + name
                        + " for "
                        + component
                        + "; add it under the component's images"));
  }
}
