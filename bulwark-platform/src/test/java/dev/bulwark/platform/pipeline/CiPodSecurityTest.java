package dev.bulwark.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.platform.charts.ChartPodSecurityTest;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.policy.audit.Manifest;
import dev.bulwark.render.DesiredState;
import dev.bulwark.yaml.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pods of the pipeline's Tasks, as Tekton makes them (one container per step, the pod security
 * context of the PipelineRun's template), are admitted at the CI namespace's Pod Security level,
 * judged by Bulwark's own audit; and that level is no lower than it must be: at restricted only the
 * build's pod is refused.
 */
class CiPodSecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CI_NS = TenantCi.namespace("shop");

  @Test
  void everyTaskPodIsAdmittedAtTheCiNamespacesLevel() {
    DesiredState state = PipelineUnitTest.render(PipelineUnitTest.full());
    JsonNode namespace = JSON.valueToTree(PipelineUnitTest.object(state, "Namespace", CI_NS));
    assertThat(namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText())
        .isEqualTo("baseline");

    assertThat(refusals(namespace, taskPods(state))).isEmpty();
  }

  @Test
  void atRestrictedOnlyTheBuildWouldBeRefused() {
    DesiredState state = PipelineUnitTest.render(PipelineUnitTest.full());
    ObjectNode namespace = JSON.valueToTree(PipelineUnitTest.object(state, "Namespace", CI_NS));
    ObjectNode labels = namespace.withObject("/metadata/labels");
    labels.put("pod-security.kubernetes.io/enforce", "restricted");

    List<String> refused = refusals(namespace, taskPods(state));

    assertThat(refused).isNotEmpty();
    assertThat(refused).allSatisfy(r -> assertThat(r).contains(PipelineTasks.BUILD_PUSH));
  }

  /** A Pod per Task, as Tekton builds it from the Task's steps and the run's pod template. */
  private static List<ObjectNode> taskPods(DesiredState state) {
    JsonNode template =
        JSON.valueToTree(PipelineUnitTest.object(state, "TriggerTemplate", "storefront"))
            .at("/spec/resourcetemplates/0/spec/taskRunTemplate/podTemplate");
    List<ObjectNode> pods = new ArrayList<>();
    for (String task :
        List.of(
            PipelineTasks.CLONE,
            PipelineTasks.TEST,
            PipelineTasks.BUILD_PUSH,
            PipelineTasks.PROMOTE)) {
      HasMetadata object = PipelineUnitTest.object(state, "Task", task, CI_NS);
      JsonNode spec = JSON.valueToTree(PipelineUnitTest.spec(object));
      ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
      pod.putObject("metadata").put("name", task).put("namespace", CI_NS);
      ObjectNode podSpec = pod.putObject("spec");
      podSpec.set("securityContext", template.path("securityContext"));
      ArrayNode containers = podSpec.putArray("containers");
      for (JsonNode step : spec.path("steps")) {
        ObjectNode container = containers.addObject();
        container.put("name", step.path("name").asText());
        // A parameter stands for the tenant's test image; the audit judges the pod, not the image.
        container.put("image", step.path("image").asText().replace("$(params.image)", "golang"));
        container.set("securityContext", step.path("securityContext"));
      }
      pods.add(pod);
    }
    return pods;
  }

  private static List<String> refusals(JsonNode namespace, List<ObjectNode> pods) {
    List<Manifest> manifests = new ArrayList<>();
    manifests.add(new Manifest(new Location("bulwark", 0, 0), namespace));
    pods.forEach(pod -> manifests.add(new Manifest(new Location("tekton", 0, 0), pod)));
    return ChartPodSecurityTest.refusals(manifests);
  }
}
