package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pod UPDATEs as Kubernetes' Pod Security admission judges them: only a change of containers or
 * their images counts; labels, annotations and owner references do not.
 */
public class PodUpdatesTest {

  /** Runs as root: fails restricted's run-as-non-root, passes baseline. */
  public static final String ROOT_POD =
      "{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: team-a-dev, labels: {app: a}}, "
          + "spec: {containers: [{name: app, image: 'registry.example/app:1'}]}}";

  static AdmissionInput update(JsonNode object, JsonNode old) {
    JsonNode ns = AdmissionInput.namespace("team-a-dev", "restricted", "latest", Map.of());
    AdmissionInput created = AdmissionInput.create(object, ns);
    return new AdmissionInput(object, old, "UPDATE", created.namespace(), ns, created.request());
  }

  static ObjectNode pod() {
    return (ObjectNode) Fixtures.yaml(ROOT_POD);
  }

  @Test
  void relabellingAPodIsNotJudged() {
    ObjectNode relabelled = pod();
    relabelled.with("metadata").with("labels").put("app", "b");
    relabelled.with("metadata").with("annotations").put("note", "moved");
    AdmissionInput input = update(relabelled, pod());
    assertThat(PodUpdates.significant(input)).isFalse();
    assertThat(Fixtures.engine().evaluate(input)).isEmpty();
  }

  @Test
  void changingAnImageIsJudgedInFull() {
    ObjectNode newImage = pod();
    ((ObjectNode) newImage.with("spec").withArray("containers").get(0))
        .put("image", "registry.example/app:2");
    AdmissionInput input = update(newImage, pod());
    assertThat(PodUpdates.significant(input)).isTrue();
    assertThat(Fixtures.engine().evaluate(input))
        .extracting(f -> f.policyId())
        .contains("pss-run-as-non-root");
  }

  @Test
  void addingAContainerOrAnEphemeralContainerIsJudged() {
    ObjectNode added = pod();
    added
        .with("spec")
        .withArray("initContainers")
        .addObject()
        .put("name", "init")
        .put("image", "x:1");
    assertThat(PodUpdates.significant(update(added, pod()))).isTrue();
    ObjectNode debug = pod();
    debug
        .with("spec")
        .withArray("ephemeralContainers")
        .addObject()
        .put("name", "dbg")
        .put("image", "busybox:1");
    assertThat(PodUpdates.significant(update(debug, pod()))).isTrue();
  }

  @Test
  void aContainersSeccompAnnotationCounts() {
    ObjectNode annotated = pod();
    annotated.with("metadata").with("annotations").put(PodUpdates.SECCOMP + "app", "unconfined");
    assertThat(PodUpdates.significant(update(annotated, pod()))).isTrue();
  }

  @Test
  void otherKindsAndCreatesAreAlwaysJudged() {
    JsonNode deployment =
        Fixtures.yaml(PlatformRulesTest.deployment(PlatformRulesTest.GOOD_CONTAINER, ""));
    assertThat(PodUpdates.significant(update(deployment, deployment))).isTrue();
    JsonNode ns = AdmissionInput.namespace("team-a-dev", "restricted", "latest", Map.of());
    assertThat(PodUpdates.significant(AdmissionInput.create(pod(), ns))).isTrue();
  }
}
