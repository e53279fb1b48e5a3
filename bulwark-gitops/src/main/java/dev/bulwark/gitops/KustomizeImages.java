package dev.bulwark.gitops;

import dev.bulwark.api.ImageReference;
import dev.bulwark.render.DesiredObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code images:} of a tenant environment's kustomization: one entry per image repository its
 * Deployments run, so that the digest an environment runs is one line of its directory.
 *
 * <p>The contract with whatever promotes a release (ADR 0022): the entry's {@code name} is the
 * image repository as the application's spec writes it, without tag or digest; {@code digest:
 * sha256:<64 hex>} is what the environment runs. That digest is state, not spec: a digest already
 * pinned in the tree being replaced is kept. Without one, the spec's digest is pinned; with only a
 * tag, the entry carries {@code newTag}.
 */
public final class KustomizeImages {

  /**
   * One entry.
   *
   * @param name the image repository
   * @param newTag the tag, when no digest is known
   * @param digest {@code sha256:<64 hex>}, or null
   */
  public record Entry(String name, String newTag, String digest) {}

  private KustomizeImages() {}

  /**
   * The entries of one directory's objects: the images of its Deployments, each pinned to the
   * digest in {@code pinned} (repository to digest) when there is one.
   */
  public static List<Entry> of(List<DesiredObject> objects, Map<String, String> pinned) {
    SortedMap<String, Entry> entries = new TreeMap<>();
    for (DesiredObject object : objects) {
      if (!(object.object() instanceof Deployment deployment)) {
        continue;
      }
      for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
        ImageReference image = ImageReference.parse(container.getImage()).orElse(null);
        if (image == null) {
          continue;
        }
        Entry entry = entry(image, pinned.get(image.repository()));
        Entry earlier = entries.putIfAbsent(entry.name(), entry);
        if (earlier != null && !earlier.equals(entry)) {
          throw new IllegalStateException(
              "two Deployments in one environment run "
                  + entry.name()
                  + " at different versions ("
                  + describe(earlier)
                  + " and "
                  + describe(entry)
                  + "); a kustomization pins one version per image repository");
        }
      }
    }
    return List.copyOf(entries.values());
  }

  private static Entry entry(ImageReference image, String pinned) {
    if (pinned != null) {
      return new Entry(image.repository(), null, pinned);
    }
    if (image.digest() != null) {
      return new Entry(image.repository(), null, image.digest());
    }
    return new Entry(image.repository(), image.tag(), null);
  }

  private static String describe(Entry entry) {
    return entry.digest() != null ? entry.digest() : "tag " + entry.newTag();
  }

  /**
   * The {@code images:} block: {@code name} first, then {@code digest} or {@code newTag} (quoted,
   * so that a tag such as 1.10 stays a string), one line each, so a promotion changes one line.
   */
  static String yaml(List<Entry> entries) {
    if (entries.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("images:\n");
    for (Entry entry : entries) {
      text.append("- name: ").append(entry.name()).append('\n');
      if (entry.digest() != null) {
        text.append("  digest: ").append(entry.digest()).append('\n');
      } else if (entry.newTag() != null) {
        text.append("  newTag: \"").append(entry.newTag()).append("\"\n");
      }
    }
    return text.toString();
  }
}
