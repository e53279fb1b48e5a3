package dev.bulwark.cli.mirror;

import dev.bulwark.catalog.Image;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a mirror's registry holds every image of an inventory, each at the place {@code bulwark
 * mirror export}'s {@code images.txt} copies it to (ADR 0033). An image the catalogue pins by
 * digest is present only with that digest; a tag of it that holds another manifest is a wrong
 * digest.
 *
 * @param registry the mirror, {@code host[:port][/path]}, as {@code spec.mirror.registry}
 */
record MirrorCheck(String registry) {

  /** What a registry answered to a manifest HEAD: its status and content digest, if it sent one. */
  record Answer(int status, Optional<String> digest) {}

  /** A registry's manifest lookup; {@link RegistryClient} asks a live one. */
  interface Manifests {

    /**
     * @param name the repository below the registry's host
     * @param reference a tag or a digest
     * @throws IOException when the registry cannot be reached
     */
    Answer head(String name, String reference) throws IOException;
  }

  /** What the mirror holds of one image. */
  enum State {
    PRESENT("present"),
    MISSING("missing"),
    WRONG_DIGEST("wrong digest"),
    UNREACHABLE("unreachable");

    final String label;

    State(String label) {
      this.label = label;
    }
  }

  /**
   * One image's outcome.
   *
   * @param destination where the mirror keeps it, as {@code images.txt} names it
   * @param detail what the registry said, for the reader
   */
  record Finding(MirrorInventory.ImageEntry entry, String destination, State state, String detail) {

    /** The {@code images.txt} line that copies it into the mirror. */
    String copyLine() {
      return entry.image().reference() + " " + destination;
    }
  }

  /** Asks {@code manifests} about every image, in order. */
  List<Finding> check(List<MirrorInventory.ImageEntry> images, Manifests manifests)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (MirrorInventory.ImageEntry entry : images) {
      findings.add(check(entry, manifests));
    }
    return findings;
  }

  Finding check(MirrorInventory.ImageEntry entry, Manifests manifests) throws IOException {
    String destination = entry.destination(Optional.of(registry));
    String name = nameBelowHost(entry.image().mirroredTo(registry).repository());
    String tag = tagOf(entry.image());
    Optional<String> pinned = entry.digest();
    Answer answer = manifests.head(name, pinned.orElse(tag));
    if (answer.status() == 200) {
      return new Finding(entry, destination, State.PRESENT, answer.digest().orElse(""));
    }
    if (answer.status() == 401 || answer.status() == 403) {
      return new Finding(
          entry,
          destination,
          State.UNREACHABLE,
          "HTTP "
              + answer.status()
              + ": not allowed to pull it; log in (docker login) or name a Docker config with"
              + " --docker-config");
    }
    if (answer.status() != 404) {
      return new Finding(entry, destination, State.UNREACHABLE, "HTTP " + answer.status());
    }
    if (pinned.isPresent() && !tag.isEmpty()) {
      Answer byTag = manifests.head(name, tag);
      if (byTag.status() == 200) {
        return new Finding(
            entry,
            destination,
            State.WRONG_DIGEST,
            "tag "
                + tag
                + " is "
                + byTag.digest().orElse("another manifest")
                + ", the catalogue pins "
                + pinned.get());
      }
    }
    return new Finding(entry, destination, State.MISSING, "no manifest " + pinned.orElse(tag));
  }

  /** The repository's path below the registry's host: the name the distribution API takes. */
  static String nameBelowHost(String repository) {
    return repository.substring(repository.indexOf('/') + 1);
  }

  /** The image's tag without its digest; empty when it is pinned by digest alone. */
  static String tagOf(Image image) {
    int at = image.tag().indexOf('@');
    return at < 0 ? image.tag() : image.tag().substring(0, at);
  }
}
