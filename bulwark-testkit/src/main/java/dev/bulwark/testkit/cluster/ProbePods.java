package dev.bulwark.testkit.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Pods of the probe test image ({@code tools/images/probe}): a server, and one-shot clients whose
 * outcome (the pod's phase) says whether they reached their target. Every pod meets the {@code
 * restricted} Pod Security level, so that it runs in any tenant namespace.
 */
public final class ProbePods {

  private ProbePods() {}

  /** A pod labelled {@code app=NAME} that serves HTTP on port 8080. */
  public static Pod server(String name, String image) {
    return pod(name, image, "Always", List.of("serve"));
  }

  /**
   * Runs {@code probe ARGS...} once in a new pod and returns its final phase: {@code Succeeded}
   * when the probe reached its target, {@code Failed} when it did not.
   */
  public static String run(
      KubernetesClient client, String namespace, String name, String image, String... args) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(pod(name, image, "Never", List.of(args)))
        .create();
    Pod done =
        client
            .pods()
            .inNamespace(namespace)
            .withName(name)
            .waitUntilCondition(
                p -> p != null && Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()),
                2,
                TimeUnit.MINUTES);
    return done.getStatus().getPhase();
  }

  /** The pod spec both use: non-root, no privilege escalation, no capabilities, seccomp default. */
  public static Pod pod(String name, String image, String restartPolicy, List<String> args) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy(restartPolicy)
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(1L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("probe")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs(args)
        .addNewPort()
        .withContainerPort(8080)
        .endPort()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
        .withLimits(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }
}
