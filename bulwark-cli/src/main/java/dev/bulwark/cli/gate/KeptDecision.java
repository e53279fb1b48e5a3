package dev.bulwark.cli.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gate.report.PolicyReportWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * The gate's decision kept in the cluster as its PolicyReport (one per application, environment and
 * digest), by server-side apply under the field manager {@value PolicyReportWriter#POLICY}: in a
 * pipeline step with the pipeline's ServiceAccount, which may write PolicyReports in its tenant's
 * environment namespaces and nowhere else.
 */
final class KeptDecision {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KeptDecision() {}

  /** Applies {@code report}; what went wrong, in one line, or empty when it is kept. */
  static Optional<String> keep(ObjectNode report, Config config) {
    String where =
        report.at("/metadata/namespace").asText() + "/" + report.at("/metadata/name").asText();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      GenericKubernetesResource object = JSON.treeToValue(report, GenericKubernetesResource.class);
      client
          .resource(object)
          .fieldManager(PolicyReportWriter.POLICY)
          .forceConflicts()
          .serverSideApply();
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the PolicyReport the gate wrote is no object", e);
    } catch (KubernetesClientException e) {
      String why =
          switch (e.getCode()) {
            case HttpURLConnection.HTTP_NOT_FOUND ->
                "the cluster serves no wgpolicyk8s.io/v1alpha2 PolicyReport (the platform installs"
                    + " its CRD with the pipelines)";
            case HttpURLConnection.HTTP_FORBIDDEN, HttpURLConnection.HTTP_UNAUTHORIZED ->
                "not allowed: " + e.getStatus().getMessage();
            default -> e.getMessage();
          };
      return Optional.of("cannot keep the decision as PolicyReport " + where + ": " + why);
    }
  }
}
