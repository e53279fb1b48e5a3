package dev.bulwark.delivery;

import static dev.bulwark.delivery.GitOpsFixture.A;
import static dev.bulwark.delivery.GitOpsFixture.API_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.cluster.TektonPipelineRuns;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DAST scans as TaskRuns on a real kube-apiserver under Tekton's upstream TaskRun CRD: started
 * once with the Task's parameters, and read back as Tekton's controller reports them.
 */
@RealApiServer
class DastRunsLiveTest {

  private static final String NAMESPACE = "acme-ci";

  private static DeliveryTarget api(String dastTarget) {
    return DastPromotionTest.requiringDast(dastTarget);
  }

  @Test
  void aScanStartsOnceWithTheTasksParametersAndItsConditionIsTheResult(Config admin) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(admin).build()) {
      TektonPipelineRuns.installTaskRuns(client);
      client
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .serverSideApply();
      DeliveryTarget api = api("https://api.dev.acme.example.com/");
      DastRuns scans = new DastRuns(client);
      String name = DastRuns.name(api, "stage", A);
      assertThat(name).isEqualTo("api-dast-stage-" + A.shortForm());
      assertThat(scans.observe(api, "stage", A).state()).isEqualTo(DastRun.State.NOT_STARTED);

      scans.start(api, "stage", A);
      scans.start(api, "stage", A); // a second pass, or a second replica: still one run
      List<GenericKubernetesResource> runs =
          client
              .genericKubernetesResources(TektonPipelineRuns.TASK_RUN)
              .inNamespace(NAMESPACE)
              .list()
              .getItems();
      assertThat(runs).singleElement().satisfies(run -> assertRun(run, name));
      assertThat(scans.observe(api, "stage", A).state()).isEqualTo(DastRun.State.RUNNING);

      TektonPipelineRuns.reportTaskRun(
          client, NAMESPACE, name, "False", "Failed", "\"step-gate\" exited with code 1");
      DastRun blocked = scans.observe(api, "stage", A);
      assertThat(blocked.state()).isEqualTo(DastRun.State.BLOCKED);
      assertThat(blocked.describe())
          .isEqualTo(
              "its DAST scan TaskRun acme-ci/"
                  + name
                  + " blocked it: Failed: \"step-gate\" exited with code 1; its log has the"
                  + " gate's reasons");

      TektonPipelineRuns.reportTaskRun(client, NAMESPACE, name, "True", "Succeeded", "");
      assertThat(scans.observe(api, "stage", A).passed()).isTrue();
      assertThat(new ArgoCdEvidence(client).dast(api, "stage", A).passed())
          .as("the cluster's evidence reads the same runs")
          .isTrue();
    }
  }

  @Test
  void aScanWithNothingToTargetIsRefusedWithTheFieldsToSet(Config admin) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(admin).build()) {
      assertThatThrownBy(() -> new DastRuns(client).start(api(null), "stage", A))
          .isInstanceOf(PromotionRefused.class)
          .hasMessage(
              "acme/api needs a DAST scan before stage but names nothing to scan: set"
                  + " spec.security.dastTarget or a host in dev");
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertRun(GenericKubernetesResource run, String name) {
    assertThat(run.getMetadata().getName()).isEqualTo(name);
    assertThat(run.getMetadata().getLabels())
        .containsEntry(BulwarkLabels.TENANT, "acme")
        .containsEntry(BulwarkLabels.APPLICATION, "api")
        .containsEntry(BulwarkLabels.ENVIRONMENT, "stage");
    Map<String, Object> spec = (Map<String, Object>) run.getAdditionalProperties().get("spec");
    assertThat(spec.get("taskRef")).isEqualTo(Map.of("kind", "Task", "name", "bulwark-dast"));
    assertThat(spec.get("serviceAccountName")).isEqualTo("bulwark-pipeline");
    assertThat((List<Map<String, Object>>) spec.get("params"))
        .containsExactlyInAnyOrder(
            Map.of("name", "application", "value", "api"),
            Map.of("name", "environment", "value", "stage"),
            Map.of("name", "image", "value", API_IMAGE + "@" + A),
            Map.of("name", "digest", "value", A.value()),
            Map.of("name", "target", "value", "https://api.dev.acme.example.com/"));
  }
}
