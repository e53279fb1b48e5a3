package dev.bulwark.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Which Pod UPDATEs policies judge, as Kubernetes' Pod Security admission decides it: a running
 * Pod's spec is immutable but for container images (and, in old clusters, the seccomp annotations
 * of containers), so an UPDATE that changes neither the containers nor their images changes nothing
 * a policy about the pod spec could object to. Relabelling or annotating a Pod, and the garbage
 * collector's ownerReference updates, are let through, also after a namespace's level was
 * tightened. The engine asks {@link #significant}; the exported ValidatingAdmissionPolicies carry
 * {@link #CONDITION}, the same rule in CEL.
 */
public final class PodUpdates {

  static final String SECCOMP = "container.seccomp.security.alpha.kubernetes.io/";

  /** A VAP match condition: true unless the request is an insignificant Pod UPDATE. */
  public static final String CONDITION =
      "request.operation != 'UPDATE' || request.resource.resource != 'pods' || oldObject == null"
          + " || size(object.spec.containers) != size(oldObject.spec.containers)"
          + " || (has(object.spec.initContainers) ? size(object.spec.initContainers) : 0)"
          + " != (has(oldObject.spec.initContainers) ? size(oldObject.spec.initContainers) : 0)"
          + " || (object.spec.containers"
          + " + (has(object.spec.initContainers) ? object.spec.initContainers : [])"
          + " + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers : []))"
          + ".exists(c, !(oldObject.spec.containers"
          + " + (has(oldObject.spec.initContainers) ? oldObject.spec.initContainers : [])"
          + " + (has(oldObject.spec.ephemeralContainers) ? oldObject.spec.ephemeralContainers : []))"
          + ".exists(o, o.name == c.name && o.image == c.image)"
          + " || (has(object.metadata.annotations) && '"
          + SECCOMP
          + "' + c.name in object.metadata.annotations"
          + " ? object.metadata.annotations['"
          + SECCOMP
          + "' + c.name] : '')"
          + " != (has(oldObject.metadata.annotations) && '"
          + SECCOMP
          + "' + c.name in oldObject.metadata.annotations"
          + " ? oldObject.metadata.annotations['"
          + SECCOMP
          + "' + c.name] : ''))";

  private PodUpdates() {}

  /**
   * Whether policies judge this request: every request but a Pod UPDATE that keeps the number of
   * containers and init containers and every container's image (and seccomp annotation), and adds
   * no ephemeral container.
   */
  public static boolean significant(AdmissionInput input) {
    JsonNode pod = input.object();
    JsonNode old = input.oldObject();
    if (!"UPDATE".equals(input.operation())
        || old == null
        || !"Pod".equals(pod.path("kind").asText())) {
      return true;
    }
    JsonNode spec = pod.path("spec");
    JsonNode oldSpec = old.path("spec");
    if (spec.path("containers").size() != oldSpec.path("containers").size()
        || spec.path("initContainers").size() != oldSpec.path("initContainers").size()) {
      return true;
    }
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (changed(c, pod, old)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean changed(JsonNode container, JsonNode pod, JsonNode old) {
    String name = container.path("name").asText();
    JsonNode before = null;
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode o : old.path("spec").path(list)) {
        if (o.path("name").asText().equals(name)) {
          before = o;
        }
      }
    }
    return before == null
        || !Objects.equals(container.path("image").asText(null), before.path("image").asText(null))
        || !seccomp(pod, name).equals(seccomp(old, name));
  }

  private static String seccomp(JsonNode pod, String container) {
    return pod.path("metadata").path("annotations").path(SECCOMP + container).asText("");
  }
}
