package dev.bulwark.gitops;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Manifests;
import dev.bulwark.render.ObjectKey;
import dev.bulwark.render.UpstreamKustomization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each desired object goes in a GitOps tree, and the text of every file, computed without
 * touching the file system so that writing and diffing share one layout.
 *
 * <ul>
 *   <li>{@code tenants/<tenant>/<environment>/}: a tenant environment's objects;
 *   <li>{@code tenants/<tenant>/_shared/}: a tenant's objects that belong to no one environment;
 *   <li>{@code platform/<capability>/}: platform-wide objects;
 *   <li>{@code bootstrap/}: what installs Argo CD and the root application, applied by hand once;
 *   <li>{@code upstream/<component>/}: only a {@code kustomization.yaml} that lists a pinned
 *       upstream release manifest, from an {@link UpstreamKustomization}; the component's own
 *       Application syncs it.
 * </ul>
 *
 * Every directory has a {@code kustomization.yaml}; the root one lists every directory but {@code
 * bootstrap/} and {@code upstream/}, so {@code kubectl kustomize} of the root builds the whole
 * platform without installing the upstream releases a second time, outside their Applications.
 */
public final class TreeLayout {

  public static final String KUSTOMIZATION = "kustomization.yaml";
  public static final String BOOTSTRAP = "bootstrap";
  static final String TENANTS = "tenants/";
  static final String HEADER =
      "# Rendered by Bulwark. Do not edit: change the spec and run bulwark plan.\n";

  private TreeLayout() {}

  /**
   * Every file of the tree, by path relative to the tree's root (with '/' separators), in path
   * order.
   */
  public static SortedMap<String, String> files(DesiredState state) {
    return files(state, PinnedImages.NONE);
  }

  /**
   * Every file of the tree, keeping the image digests {@code pinned} in an earlier tree: each
   * tenant environment's kustomization lists its Deployments' images ({@link KustomizeImages}).
   */
  public static SortedMap<String, String> files(DesiredState state, PinnedImages pinned) {
    Map<String, List<DesiredObject>> byDirectory = new TreeMap<>();
    SortedMap<String, String> files = new TreeMap<>();
    for (DesiredObject object : state.objects()) {
      if (UpstreamKustomization.is(object.object())) {
        files.put(UpstreamKustomization.path(object.object()), upstream(object));
        continue;
      }
      refuseSecretData(object);
      byDirectory.computeIfAbsent(directoryOf(object), d -> new ArrayList<>()).add(object);
    }
    byDirectory.forEach(
        (directory, objects) -> {
          Map<DesiredObject, String> names = fileNames(objects);
          List<String> resources = new ArrayList<>();
          for (DesiredObject object : objects) {
            String file = names.get(object);
            files.put(directory + "/" + file, HEADER + Manifests.toYaml(object.object()));
            resources.add(file);
          }
          String images =
              directory.startsWith(TENANTS)
                  ? KustomizeImages.yaml(KustomizeImages.of(objects, pinned.in(directory)))
                  : "";
          files.put(directory + "/" + KUSTOMIZATION, kustomization(resources) + images);
        });
    List<String> all = new ArrayList<>(byDirectory.keySet());
    all.removeIf(d -> d.equals(BOOTSTRAP) || d.startsWith(BOOTSTRAP + "/"));
    files.put(KUSTOMIZATION, kustomization(all));
    return files;
  }

  /** The directory an object belongs in. */
  public static String directoryOf(DesiredObject object) {
    if (object.capability().equals(BOOTSTRAP)) {
      return BOOTSTRAP;
    }
    if (object.tenant().equals(BulwarkLabels.PLATFORM_TENANT)) {
      return "platform/" + object.capability();
    }
    return TENANTS
        + object.tenant()
        + "/"
        + (object.environment() == null ? "_shared" : object.environment());
  }

  /** An upstream release's kustomization, its resources in the order the unit gave them. */
  private static String upstream(DesiredObject object) {
    StringBuilder text =
        new StringBuilder(HEADER)
            .append("apiVersion: ")
            .append(UpstreamKustomization.API_VERSION)
            .append('\n')
            .append("kind: ")
            .append(UpstreamKustomization.KIND)
            .append('\n')
            .append("resources:\n");
    UpstreamKustomization.resources(object.object())
        .forEach(r -> text.append("- ").append(r).append('\n'));
    List<String> patches = UpstreamKustomization.patches(object.object());
    if (!patches.isEmpty()) {
      text.append("patches:\n");
      // Each patch as a literal block, so that it reads as written.
      patches.forEach(p -> text.append("- patch: |-\n").append(p.strip().indent(4)));
    }
    return text.toString();
  }

  static String kustomization(List<String> resources) {
    StringBuilder text =
        new StringBuilder(HEADER)
            .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
            .append("kind: Kustomization\n")
            .append("resources:\n");
    resources.stream().sorted().forEach(r -> text.append("- ").append(r).append('\n'));
    return text.toString();
  }

  /**
   * {@code <kind>-<name>.yaml}; where two objects in one directory would share a file name (same
   * kind and name in two namespaces or API groups), the clashing ones also carry namespace and
   * group. Keyed by identity: a desired object's own hash walks its whole model, which made hashing
   * a tenth of a large plan's layout.
   */
  private static Map<DesiredObject, String> fileNames(List<DesiredObject> objects) {
    Map<String, Integer> counts = new HashMap<>();
    objects.forEach(o -> counts.merge(shortName(o.key()), 1, Integer::sum));
    Map<DesiredObject, String> names = new IdentityHashMap<>();
    TreeSet<String> used = new TreeSet<>();
    for (DesiredObject object : objects) {
      ObjectKey key = object.key();
      String name = counts.get(shortName(key)) == 1 ? shortName(key) : longName(key);
      if (!used.add(name)) {
        throw new IllegalStateException("two objects map to the file " + name);
      }
      names.put(object, name);
    }
    return names;
  }

  private static String shortName(ObjectKey key) {
    return key.kind().toLowerCase(Locale.ROOT) + "-" + key.name() + ".yaml";
  }

  private static String longName(ObjectKey key) {
    String group = key.group().isEmpty() ? "core" : key.group();
    String namespace = key.namespace().isEmpty() ? "" : key.namespace() + "-";
    return key.kind().toLowerCase(Locale.ROOT)
        + "-"
        + namespace
        + key.name()
        + "."
        + group
        + ".yaml";
  }

  /**
   * Secret values never go to a Git tree, not even base64-encoded: they belong in the secret store.
   */
  private static void refuseSecretData(DesiredObject desired) {
    ObjectKey key = desired.key();
    if (!key.kind().equals("Secret") || !key.apiVersion().equals("v1")) {
      return;
    }
    Map<?, ?> fields = Manifests.mapper().convertValue(desired.object(), Map.class);
    if (isSet(fields.get("data")) || isSet(fields.get("stringData"))) {
      throw new IllegalStateException(
          "refusing to write the values of " + key + " into a GitOps tree; use an ExternalSecret");
    }
  }

  private static boolean isSet(Object value) {
    return value instanceof Map<?, ?> map && !map.isEmpty();
  }
}
