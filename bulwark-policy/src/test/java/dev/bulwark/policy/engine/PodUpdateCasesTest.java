package dev.bulwark.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.Fixtures;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which Pod UPDATEs are judged, case by case from Pod Security admission's rule (only a change of
 * the containers, their images or their seccomp annotations counts), and the same answer from the
 * CEL match condition the exported policies carry.
 */
class PodUpdateCasesTest {

  private static final CelRuntime.Program CONDITION =
      CelEnvironment.standard().compile(PodUpdates.CONDITION, "PodUpdates.CONDITION");

  private static ObjectNode pod() {
    return Fixtures.yaml(
        "{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: ns, annotations: {a: b}},"
            + " spec: {containers: [{name: app, image: 'app:1'}, {name: side, image: 'side:1'}],"
            + " initContainers: [{name: init, image: 'init:1'}],"
            + " ephemeralContainers: [{name: dbg, image: 'busybox:1'}]}}");
  }

  private static ArrayNode list(ObjectNode pod, String name) {
    return pod.with("spec").withArray(name);
  }

  private static ObjectNode container(ObjectNode pod, String list, int i) {
    return (ObjectNode) list(pod, list).get(i);
  }

  private static ObjectNode annotations(ObjectNode pod) {
    return pod.with("metadata").with("annotations");
  }

  private static Arguments change(String what, boolean judged, Consumer<ObjectNode> edit) {
    return Arguments.of(what, judged, edit);
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        change("nothing", false, p -> {}),
        change("a label", false, p -> p.with("metadata").with("labels").put("x", "y")),
        change("an unrelated annotation", false, p -> annotations(p).put("a", "c")),
        change(
            "a container's resources",
            false,
            p -> container(p, "containers", 0).putObject("resources")),
        change(
            "a container's image", true, p -> container(p, "containers", 1).put("image", "side:2")),
        change(
            "an init container's image",
            true,
            p -> container(p, "initContainers", 0).put("image", "init:2")),
        change(
            "an ephemeral container's image",
            true,
            p -> container(p, "ephemeralContainers", 0).put("image", "busybox:2")),
        change(
            "a container renamed", true, p -> container(p, "containers", 0).put("name", "other")),
        change("a container removed", true, p -> list(p, "containers").remove(1)),
        change(
            "an init container added",
            true,
            p -> list(p, "initContainers").addObject().put("name", "i2").put("image", "init:1")),
        change("the init containers removed", true, p -> p.with("spec").remove("initContainers")),
        change(
            "an ephemeral container added",
            true,
            p ->
                list(p, "ephemeralContainers")
                    .addObject()
                    .put("name", "dbg2")
                    .put("image", "busybox:1")),
        change(
            "a seccomp annotation added",
            true,
            p -> annotations(p).put(PodUpdates.SECCOMP + "side", "unconfined")),
        change(
            "a seccomp annotation of no container",
            false,
            p -> annotations(p).put(PodUpdates.SECCOMP + "ghost", "unconfined")),
        change(
            "an init container's seccomp annotation",
            true,
            p -> annotations(p).put(PodUpdates.SECCOMP + "init", "unconfined")),
        change("the annotations removed", false, p -> p.with("metadata").remove("annotations")));
  }

  private static AdmissionInput update(JsonNode object, JsonNode old) {
    JsonNode ns = AdmissionInput.namespace("ns", "restricted", "latest", Map.of());
    ObjectNode request = Fixtures.yaml("{operation: UPDATE, resource: {resource: pods}}");
    return new AdmissionInput(object, old, "UPDATE", "ns", ns, request);
  }

  private static boolean condition(AdmissionInput input) throws Exception {
    return (Boolean)
        CelEnvironment.eval(
            CONDITION,
            Map.of(
                "object", CelValues.of(input.object()),
                "oldObject", CelValues.of(input.oldObject()),
                "request", CelValues.of(input.request())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void anUpdateIsJudgedWhenItChangesTheContainers(
      String what, boolean judged, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode changed = pod();
    edit.accept(changed);
    AdmissionInput input = update(changed, pod());
    assertThat(PodUpdates.significant(input)).as(what).isEqualTo(judged);
    assertThat(condition(input)).as("CONDITION: %s", what).isEqualTo(judged);
    // The other way round: undoing the change is judged alike.
    AdmissionInput undo = update(pod(), changed);
    assertThat(PodUpdates.significant(undo)).as("undo %s", what).isEqualTo(condition(undo));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void anythingButAPodUpdateIsAlwaysJudged(String what, boolean judged, Consumer<ObjectNode> edit) {
    ObjectNode changed = pod();
    edit.accept(changed);
    AdmissionInput update = update(changed, pod());
    assertThat(PodUpdates.significant(AdmissionInput.create(changed, update.namespaceObject())))
        .isTrue();
    assertThat(
            PodUpdates.significant(
                new AdmissionInput(changed, null, "UPDATE", "ns", null, update.request())))
        .as("an UPDATE without the old object")
        .isTrue();
    assertThat(
            PodUpdates.significant(
                new AdmissionInput(changed, pod(), "DELETE", "ns", null, update.request())))
        .isTrue();
    ObjectNode template = pod().put("kind", "PodTemplate");
    assertThat(PodUpdates.significant(update(template, template))).isTrue();
  }
}
