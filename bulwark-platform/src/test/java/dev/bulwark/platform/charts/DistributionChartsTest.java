package dev.bulwark.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.platform.Distributions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workload identity values of each managed distribution, given to the real charts: helm must
 * put the annotation on the ServiceAccount the component's pods run as, and on AKS the opt-in label
 * on those pods, or the cloud's webhook never hands them a token.
 */
class DistributionChartsTest {

  private static final Map<String, String> ANNOTATIONS =
      Map.of(
          "eks", "eks.amazonaws.com/role-arn",
          "gke", "iam.gke.io/gcp-service-account",
          "aks", "azure.workload.identity/client-id");

  static Stream<Arguments> identities() {
    return Stream.of("eks", "gke", "aks")
        .flatMap(
            d ->
                Stream.of(
                    Arguments.of(d, "external-dns", "external-dns", "external-dns"),
                    Arguments.of(d, "cert-manager", "cert-manager", "cert-manager"),
                    Arguments.of(d, "velero", "velero", "velero")));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("identities")
  void thePodsServiceAccountCarriesTheIdentity(
      String distribution, String component, String namespace, String deployment) {
    JsonNode values = Distributions.values(distribution, component);
    assertThat(ValuesKeys.unknown(component, chart(component), values))
        .as("values keys of %s on %s the chart does not have", component, distribution)
        .isEmpty();
    UpstreamCharts.Template template =
        UpstreamCharts.template(chart(component), component, namespace, values);
    assertThat(template.error()).as("helm template %s on %s", component, distribution).isNull();
    JsonNode pod = find(template.objects(), "Deployment", deployment).at("/spec/template");
    String serviceAccount = pod.at("/spec/serviceAccountName").asText();
    JsonNode account = find(template.objects(), "ServiceAccount", serviceAccount);
    assertThat(account.at("/metadata/annotations").path(ANNOTATIONS.get(distribution)).asText())
        .as("identity annotation on %s's ServiceAccount %s", component, serviceAccount)
        .isNotBlank();
    assertThat(pod.at("/metadata/labels/azure.workload.identity~1use").asText())
        .as("AKS' opt-in label on %s's pods", component)
        .isEqualTo(distribution.equals("aks") ? "true" : "");
  }

  private static java.nio.file.Path chart(String component) {
    return UpstreamCharts.chartDirs().get(component);
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the chart renders no " + kind + " " + name));
  }
}
