package dev.bulwark.benchmarks.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Gatekeeper's controller does for each ConstraintTemplate, for a control plane without
 * Gatekeeper: serve the constraint kind it names (constraints.gatekeeper.sh), so that the
 * Platform's constraints apply. Runs as a daemon thread beside the benchmark; it enforces nothing.
 */
final class ConstraintCrds implements Runnable {

  private static final String GROUP = "constraints.gatekeeper.sh";

  private final KubernetesClient client;
  private final Set<String> served = new HashSet<>();

  private ConstraintCrds(KubernetesClient client) {
    this.client = client;
  }

  static void serveInBackground(KubernetesClient client) {
    Thread thread = new Thread(new ConstraintCrds(client), "constraint-crds");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        client
            .genericKubernetesResources("templates.gatekeeper.sh/v1", "ConstraintTemplate")
            .list()
            .getItems()
            .forEach(this::serve);
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (KubernetesClientException e) {
        System.err.println("constraint CRDs: " + e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void serve(GenericKubernetesResource template) {
    Map<String, Object> spec = (Map<String, Object>) template.getAdditionalProperties().get("spec");
    Map<String, Object> crd = (Map<String, Object>) spec.get("crd");
    Map<String, Object> names =
        (Map<String, Object>) ((Map<String, Object>) crd.get("spec")).get("names");
    String kind = (String) names.get("kind");
    if (!served.add(kind)) {
      return;
    }
    String plural = kind.toLowerCase(Locale.ROOT);
    CustomResourceDefinition definition =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(plural + "." + GROUP)
            .endMetadata()
            .withNewSpec()
            .withGroup(GROUP)
            .withScope("Cluster")
            .withNewNames()
            .withKind(kind)
            .withPlural(plural)
            .withListKind(kind + "List")
            .endNames()
            .addNewVersion()
            .withName("v1beta1")
            .withServed(true)
            .withStorage(true)
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema()
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    client.resource(definition).fieldManager("bench").forceConflicts().serverSideApply();
  }
}
