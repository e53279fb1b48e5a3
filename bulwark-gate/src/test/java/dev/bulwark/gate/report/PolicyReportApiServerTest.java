package dev.bulwark.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.testkit.cluster.Crds;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The API server itself accepts the report once the upstream CRD is installed. */
@RealApiServer
class PolicyReportApiServerTest {

  @Test
  void theApiServerStoresTheReport(KubernetesClient client) throws Exception {
    ObjectMapper json = new ObjectMapper();
    CustomResourceDefinition crd =
        json.treeToValue(KyvernoPolicyReportCrd.load(), CustomResourceDefinition.class);
    Crds.applyAndAwait(client, crd);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("payments-prod")
                .endMetadata()
                .build())
        .forceConflicts()
        .serverSideApply();

    JsonNode report = PolicyReportTest.report();
    GenericKubernetesResource stored =
        client.resource(json.treeToValue(report, GenericKubernetesResource.class)).create();

    assertThat(stored.getMetadata().getLabels()).containsEntry("bulwark.dev/application", "api");
    GenericKubernetesResource read =
        client
            .genericKubernetesResources("wgpolicyk8s.io/v1alpha2", "PolicyReport")
            .inNamespace("payments-prod")
            .withName(report.at("/metadata/name").asText())
            .get();
    assertThat(json.valueToTree(read.getAdditionalProperties().get("results")).size()).isEqualTo(4);
  }
}
