package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.KubernetesVersion;
import java.util.Optional;

/**
 * An API version of a kind that Kubernetes stopped serving.
 *
 * @param group API group, empty for the core group
 * @param version the removed version, e.g. {@code v1beta1}
 * @param kind the kind
 * @param removedIn the first Kubernetes release that no longer serves it
 * @param replacement the {@code apiVersion} to migrate to; empty when there is none
 * @param notes what changes on migration, if anything notable
 */
public record RemovedApi(
    String group,
    String version,
    String kind,
    KubernetesVersion removedIn,
    Optional<String> replacement,
    Optional<String> notes) {

  /** The removed {@code apiVersion}, e.g. {@code extensions/v1beta1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** One sentence: what was removed and what to do. */
  public String advice() {
    String what = kind + " " + apiVersion() + " is not served since Kubernetes " + removedIn;
    String todo = replacement.map(r -> "; migrate to " + r).orElse("; it has no replacement");
    return what + todo + notes.map(n -> " (" + n + ")").orElse("");
  }
}
