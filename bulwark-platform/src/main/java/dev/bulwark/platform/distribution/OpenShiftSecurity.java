package dev.bulwark.platform.distribution;

import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenShift admits a pod only if one of its SecurityContextConstraints allows it, on top of Pod
 * Security: its default, {@code restricted-v2}, pins every pod to a random UID of the namespace's
 * range, which the platform charts' fixed non-root UIDs break, and refuses the host paths of log
 * shippers, node exporters and backup agents. So each platform namespace gets the built-in SCC that
 * admits what its Pod Security level admits, through the {@code system:openshift:scc:<name>}
 * ClusterRole OpenShift ships for it (ADR 0035). The Pod Security labels stay: they still bound the
 * namespace, and the SCC never admits more than they do.
 */
public final class OpenShiftSecurity {

  /** The Pod Security level of a namespace, to the built-in SCC that admits the same pods. */
  public static final Map<String, String> SCC_BY_LEVEL =
      Map.of("restricted", "nonroot-v2", "baseline", "anyuid", "privileged", "privileged");

  /** Name of the RoleBinding in each platform namespace. */
  public static final String BINDING = "bulwark-scc";

  private static final String LEVEL_LABEL = "pod-security.kubernetes.io/enforce";

  private OpenShiftSecurity() {}

  /** {@code objects} and, after each platform Namespace among them, its SCC binding. */
  public static List<HasMetadata> withSccBindings(List<HasMetadata> objects) {
    List<HasMetadata> out = new ArrayList<>(objects);
    for (HasMetadata object : objects) {
      if (object instanceof Namespace namespace) {
        String level = namespace.getMetadata().getLabels().get(LEVEL_LABEL);
        if (level != null) {
          out.add(binding(namespace.getMetadata().getName(), SCC_BY_LEVEL.get(level)));
        }
      }
    }
    return out;
  }

  /** Lets every ServiceAccount of {@code namespace} use {@code scc}, as the namespace's level. */
  private static HasMetadata binding(String namespace, String scc) {
    return CustomResource.withWave(
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(BINDING)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName("system:openshift:scc:" + scc)
            .endRoleRef()
            .addNewSubject()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("Group")
            .withName("system:serviceaccounts:" + namespace)
            .endSubject()
            .build(),
        SyncWave.NAMESPACES);
  }
}
