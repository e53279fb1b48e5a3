package dev.bulwark.operator.apply;

import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which a pass applies its objects: the order in which Argo CD syncs the same objects
 * from the GitOps tree, so that the operator, {@code bulwark apply} and Argo CD all follow the one
 * sync-wave ladder (ADR 10). The ladder's rungs are read from each object's {@value
 * #WAVE_ANNOTATION} annotation, which the renderer writes; nothing here decides a wave.
 *
 * <p>As Argo CD does: by wave (an object without the annotation, such as every object of the render
 * core, is in wave 0), then by kind in {@link #KIND_ORDER} (kinds it does not name, custom
 * resources and admission policies among them, come last), then by name. A Namespace is moved up to
 * the wave of the first object in it, and a CustomResourceDefinition to the wave of the first of
 * its custom resources, so that neither can come after what needs it.
 */
public final class SyncOrder {

  /**
   * Argo CD's annotation, written by the renderer from the ladder ({@code SyncWave} in
   * bulwark-platform).
   */
  public static final String WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

  /** Argo CD's order of kinds within one wave (its {@code kindOrder}, Helm's install order). */
  static final List<String> KIND_ORDER =
      List.of(
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SecretList",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleList",
          "ClusterRoleBinding",
          "ClusterRoleBindingList",
          "Role",
          "RoleList",
          "RoleBinding",
          "RoleBindingList",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "Ingress",
          "APIService");

  private static final String CRD = "CustomResourceDefinition";

  private SyncOrder() {}

  /** {@code objects} in the order to apply them. */
  public static List<GenericKubernetesResource> sort(
      Collection<GenericKubernetesResource> objects) {
    return ranked(objects).stream().map(Ranked::object).toList();
  }

  /**
   * {@code objects} in the order to apply them, cut into steps: the objects of one wave and one
   * rung of {@link #KIND_ORDER}. Nothing in a step needs another object of the same step, so a
   * step's objects may be applied at once, as Argo CD applies the objects of one wave.
   */
  public static List<List<GenericKubernetesResource>> steps(
      Collection<GenericKubernetesResource> objects) {
    List<List<GenericKubernetesResource>> steps = new ArrayList<>();
    Ranked previous = null;
    for (Ranked r : ranked(objects)) {
      if (previous == null || previous.wave() != r.wave() || previous.kindRank() != r.kindRank()) {
        steps.add(new ArrayList<>());
      }
      steps.get(steps.size() - 1).add(r.object());
      previous = r;
    }
    return steps.stream().map(List::copyOf).toList();
  }

  private static List<Ranked> ranked(Collection<GenericKubernetesResource> objects) {
    Map<String, Integer> namespaceWaves = earliest(objects, o -> o.getMetadata().getNamespace());
    Map<String, Integer> resourceWaves =
        earliest(objects, o -> ObjectKey.of(o).group() + "/" + o.getKind());
    List<Ranked> ranked = new ArrayList<>();
    for (GenericKubernetesResource object : objects) {
      int wave = wave(object);
      if (isNamespace(object)) {
        wave = Math.min(wave, namespaceWaves.getOrDefault(object.getMetadata().getName(), wave));
      } else if (isCrd(object)) {
        wave = Math.min(wave, resourceWaves.getOrDefault(definedKind(object), wave));
      }
      ranked.add(new Ranked(object, wave, kindRank(object.getKind()), ObjectKey.of(object)));
    }
    ranked.sort(
        Comparator.comparingInt(Ranked::wave)
            .thenComparingInt(Ranked::kindRank)
            .thenComparing(r -> r.key().name())
            .thenComparing(Ranked::key));
    return ranked;
  }

  private record Ranked(GenericKubernetesResource object, int wave, int kindRank, ObjectKey key) {}

  /** The object's wave on the ladder: its {@value #WAVE_ANNOTATION} annotation, 0 without one. */
  public static int wave(GenericKubernetesResource object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String text = annotations == null ? null : annotations.get(WAVE_ANNOTATION);
    if (text == null) {
      return 0;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          ObjectKey.of(object)
              + ": annotation "
              + WAVE_ANNOTATION
              + " is '"
              + text
              + "', expected an integer",
          e);
    }
  }

  private static int kindRank(String kind) {
    int rank = KIND_ORDER.indexOf(kind);
    return rank < 0 ? KIND_ORDER.size() : rank;
  }

  /**
   * The earliest wave among the objects that are not Namespaces or CRDs, by what {@code dependency}
   * says they need.
   */
  private static Map<String, Integer> earliest(
      Collection<GenericKubernetesResource> objects,
      Function<GenericKubernetesResource, String> dependency) {
    Map<String, Integer> earliest = new HashMap<>();
    for (GenericKubernetesResource object : objects) {
      String needs = dependency.apply(object);
      if (needs != null && !isNamespace(object) && !isCrd(object)) {
        earliest.merge(needs, wave(object), Math::min);
      }
    }
    return earliest;
  }

  private static boolean isNamespace(GenericKubernetesResource object) {
    return "Namespace".equals(object.getKind()) && "v1".equals(object.getApiVersion());
  }

  private static boolean isCrd(GenericKubernetesResource object) {
    return CRD.equals(object.getKind())
        && object.getApiVersion().startsWith("apiextensions.k8s.io/");
  }

  /** {@code group/Kind} of the custom resources a CRD defines. */
  private static String definedKind(GenericKubernetesResource crd) {
    Object group = crd.get("spec", "group");
    Object kind = crd.get("spec", "names", "kind");
    return group + "/" + kind;
  }
}
