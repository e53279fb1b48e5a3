package dev.bulwark.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kustomization that pulls a pinned upstream release manifest (for example Tekton's {@code
 * release.yaml}) into the GitOps tree, for components that publish no Helm chart. Argo CD cannot
 * sync a bare URL, but it can sync a directory whose {@code kustomization.yaml} lists the URL as a
 * remote resource.
 *
 * <p>It travels as a desired object so that {@link RenderUnit}'s signature stays as it is: its
 * marker is {@link #API_VERSION} with {@link #KIND}. It is not a Kubernetes API object. The GitOps
 * writer writes it as {@code upstream/<name>/kustomization.yaml} (outside every other directory's
 * kustomization, so only the component's own Application syncs it); whoever applies desired objects
 * live must skip it ({@link #is(HasMetadata)}) and install the release another way.
 */
public final class UpstreamKustomization {

  public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";
  public static final String KIND = "Kustomization";

  /** The top-level directory of the GitOps tree that holds one directory per upstream release. */
  public static final String DIRECTORY = "upstream";

  private UpstreamKustomization() {}

  /**
   * @param name the component, which names its directory {@code upstream/<name>}
   * @param labels the ownership labels every desired object carries (the renderer requires them)
   * @param resources the pinned release manifest URLs, in apply order
   */
  public static GenericKubernetesResource of(
      String name, Map<String, String> labels, List<String> resources) {
    return of(name, labels, resources, List.of());
  }

  /**
   * The same with kustomize patches over the release (strategic merge patches as JSON text): to
   * drop objects Bulwark renders itself, such as the release's Namespaces, or to set what the
   * release leaves out, such as a security context.
   */
  public static GenericKubernetesResource of(
      String name, Map<String, String> labels, List<String> resources, List<String> patches) {
    if (resources.isEmpty()) {
      throw new IllegalArgumentException(
          "an upstream kustomization of " + name + " needs at least one resource");
    }
    GenericKubernetesResource kustomization = new GenericKubernetesResource();
    kustomization.setApiVersion(API_VERSION);
    kustomization.setKind(KIND);
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(Names.label(name));
    metadata.setLabels(new TreeMap<>(labels));
    kustomization.setMetadata(metadata);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("resources", List.copyOf(resources));
    if (!patches.isEmpty()) {
      body.put("patches", patches.stream().map(patch -> Map.of("patch", patch)).toList());
    }
    kustomization.setAdditionalProperties(body);
    return kustomization;
  }

  /** Whether {@code object} is an upstream kustomization rather than a Kubernetes object. */
  public static boolean is(HasMetadata object) {
    return API_VERSION.equals(object.getApiVersion()) && KIND.equals(object.getKind());
  }

  /** The path of its file in the tree: {@code upstream/<name>/kustomization.yaml}. */
  public static String path(HasMetadata object) {
    return DIRECTORY + "/" + object.getMetadata().getName() + "/kustomization.yaml";
  }

  /** The patches it applies, as JSON text, in order. */
  public static List<String> patches(HasMetadata object) {
    Object patches =
        object instanceof GenericKubernetesResource generic
            ? generic.getAdditionalProperties().get("patches")
            : null;
    if (!(patches instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(p -> String.valueOf(((Map<?, ?>) p).get("patch"))).toList();
  }

  /** The resources it lists. */
  public static List<String> resources(HasMetadata object) {
    Object resources =
        object instanceof GenericKubernetesResource generic
            ? generic.getAdditionalProperties().get("resources")
            : null;
    if (!(resources instanceof List<?> list)) {
      throw new IllegalArgumentException(
          object.getMetadata().getName() + " is not an upstream kustomization with resources");
    }
    return list.stream().map(String::valueOf).toList();
  }
}
