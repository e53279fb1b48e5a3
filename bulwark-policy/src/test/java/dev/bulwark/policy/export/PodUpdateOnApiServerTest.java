package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.Fixtures;
import dev.bulwark.policy.engine.PodUpdatesTest;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exported run-as-non-root policy on a real API server, bound through a label of its own (so
 * that Kubernetes' built-in Pod Security admission stays out of it): after the namespace is
 * tightened, an existing Pod that fails the policy may still be relabelled, as Pod Security
 * admission allows, but not given a new image.
 */
@RealApiServer
class PodUpdateOnApiServerTest {

  static final String NAMESPACE = "pod-update-test";
  static final String BIND_LABEL = "policy.bulwark.dev/pod-update-test";

  @Test
  void aTightenedNamespaceStillLetsExistingPodsBeRelabelled(KubernetesClient admin)
      throws Exception {
    Policy runAsNonRoot = PolicyLibrary.standard().policy("pss-run-as-non-root").orElseThrow();
    admin
        .resource(VapExporter.policy(PolicyLibrary.standard(), runAsNonRoot, Map.of(), Map.of()))
        .serverSideApply();
    var binding = VapExporter.binding(runAsNonRoot, Map.of());
    binding.getMetadata().setName(PolicyObjects.name(runAsNonRoot) + "-pod-update-test");
    binding
        .getSpec()
        .getMatchResources()
        .setNamespaceSelector(
            new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                .addToMatchLabels(BIND_LABEL, "restricted")
                .build());
    admin.resource(binding).serverSideApply();
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    Pod pod = Fixtures.YAML.convertValue(Fixtures.yaml(PodUpdatesTest.ROOT_POD), Pod.class);
    pod.getMetadata().setNamespace(NAMESPACE);
    Pod created = admin.resource(pod).create();

    admin
        .namespaces()
        .withName(NAMESPACE)
        .edit(
            n ->
                new NamespaceBuilder(n)
                    .editMetadata()
                    .addToLabels(BIND_LABEL, "restricted")
                    .endMetadata()
                    .build());
    Pod newImage =
        new PodBuilder(created)
            .editSpec()
            .editFirstContainer()
            .withImage("registry.example/app:2")
            .endContainer()
            .endSpec()
            .build();
    KubernetesClientException denied =
        AdmissionWait.awaitDenied(() -> admin.resource(newImage).dryRun().update(), "a new image");
    assertThatThrownBy(() -> admin.resource(newImage).update())
        .isInstanceOf(KubernetesClientException.class);
    assertThat(denied.getMessage()).contains("bulwark-pss-run-as-non-root");

    Pod relabelled =
        admin
            .pods()
            .inNamespace(NAMESPACE)
            .withName("p")
            .edit(
                p ->
                    new PodBuilder(p).editMetadata().addToLabels("app", "b").endMetadata().build());
    assertThat(relabelled.getMetadata().getLabels()).containsEntry("app", "b");
  }
}
