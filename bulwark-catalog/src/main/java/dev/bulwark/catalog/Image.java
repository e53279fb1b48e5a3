package dev.bulwark.catalog;

/**
 * A container image Bulwark itself runs next to a component, pinned in the catalogue with it rather
 * than in code, so that listings and upgrade reviews see every version Bulwark pins: a plugin it
 * adds to the chart (Velero's AWS plugin), the images of custom resources it creates (the Elastic
 * Stack behind ECK), or the tool image of a configuration Job (helm, curl).
 *
 * @param name how Bulwark refers to it, unique within its component, e.g. {@code
 *     velero-plugin-for-aws}
 * @param repository the image without tag, e.g. {@code docker.io/velero/velero-plugin-for-aws}
 * @param tag the pinned tag, e.g. {@code v1.14.0}
 */
public record Image(String name, String repository, String tag) {

  /** {@code repository:tag}, as a Pod's {@code image} field takes it. */
  public String reference() {
    return repository + ":" + tag;
  }
}
