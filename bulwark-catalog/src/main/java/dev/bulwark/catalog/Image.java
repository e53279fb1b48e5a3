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

  /**
   * This image as a mirror at {@code registry} (host[:port][/path]) keeps it (ADR 0033). An image
   * already in the mirror is where it is: the release manifests of an export made for the mirror
   * name its copies.
   */
  public Image mirroredTo(String registry) {
    if (inRegistry(repository, registry)) {
      return this;
    }
    return new Image(name, registry + "/" + pathBelowHost(repository), tag);
  }

  /** Whether {@code nameOrReference} is already in the mirror at {@code registry}. */
  public static boolean inRegistry(String nameOrReference, String registry) {
    return nameOrReference.startsWith(registry + "/");
  }

  /**
   * The path of an image name below its registry host, as Docker's reference grammar reads it: a
   * first part with a dot or a port, or {@code localhost}, is a host; a name without one is Docker
   * Hub's, whose one-part names live under {@code library/}.
   */
  public static String pathBelowHost(String repository) {
    int slash = repository.indexOf('/');
    if (slash < 0) {
      return "library/" + repository;
    }
    String first = repository.substring(0, slash);
    boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
    return host ? repository.substring(slash + 1) : repository;
  }
}
