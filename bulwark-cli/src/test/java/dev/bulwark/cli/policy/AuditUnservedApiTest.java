package dev.bulwark.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.policy.PolicyCommandsTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bulwark audit, end to end, on the objects: a privileged container under an apiVersion
 * Kubernetes does not serve for its kind matches no policy, and must fail the audit rather than
 * pass it with nothing found.
 */
class AuditUnservedApiTest {

  @TempDir Path dir;

  private Path write(String name, String apiVersion, String kind) throws Exception {
    String podSpec =
        "{containers: [{name: c, image: busybox, securityContext: {privileged: true}}]}";
    String spec =
        kind.equals("Pod")
            ? podSpec
            : "{selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: "
                + podSpec
                + "}}";
    Path file = dir.resolve(name);
    Files.writeString(
        file,
        "apiVersion: "
            + apiVersion
            + "\nkind: "
            + kind
            + "\nmetadata: {name: p, namespace: team-a-dev}\nspec: "
            + spec
            + "\n");
    return file;
  }

  @Test
  void eachUnservedObjectFailsEvenUnderTheHighestThresholdWithFileAndLine() throws Exception {
    Path extensions = write("extensions.yaml", "extensions/v1beta1", "Deployment");
    Path core = write("core.yaml", "v1", "Deployment");
    Path pod = write("pod.yaml", "apps/v1", "Pod");
    Run removed = PolicyCommandsTest.run("audit", "--fail-on", "critical", extensions.toString());
    assertThat(removed.code()).isEqualTo(1);
    assertThat(removed.out())
        .contains(
            extensions
                + ":1: Deployment team-a-dev/p\n  [CRITICAL] api-removed: "
                + "Deployment extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1");
    Run notServed = PolicyCommandsTest.run("audit", "--fail-on", "critical", core.toString());
    assertThat(notServed.code()).isEqualTo(1);
    assertThat(notServed.out())
        .contains(
            core
                + ":1: Deployment team-a-dev/p\n  [CRITICAL] api-not-served: "
                + "cannot be judged: Kubernetes serves Deployment as apps/v1, not v1");
    Run podRun =
        PolicyCommandsTest.run("audit", "--fail-on", "critical", "-o", "json", pod.toString());
    assertThat(podRun.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(podRun.out());
    assertThat(json.at("/results/0/line").asInt()).isEqualTo(1);
    assertThat(json.at("/results/0/findings/0/message").asText())
        .isEqualTo("cannot be judged: Kubernetes serves Pod as v1, not apps/v1");
  }

  @Test
  void theServedDeploymentIsStillJudgedAndACustomResourceIsListedButPasses() throws Exception {
    Run served =
        PolicyCommandsTest.run("audit", write("served.yaml", "apps/v1", "Deployment").toString());
    assertThat(served.code()).isEqualTo(1);
    assertThat(served.out())
        .contains("[CRITICAL] pss-privileged")
        .doesNotContain("api-")
        .doesNotContain("not judged");
    Path widget = dir.resolve("widget.yaml");
    Files.writeString(
        widget,
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: team-a-dev}\nspec: {replicas: 1}\n");
    Run custom = PolicyCommandsTest.run("audit", "--fail-on", "info", widget.toString());
    assertThat(custom.code()).isZero();
    assertThat(custom.out())
        .contains(
            "1 not judged (custom kinds no policy matches):\n  "
                + widget
                + ":1: Widget team-a-dev/w");
  }

  @Test
  void sarifAndJunitCarryTheFinding() throws Exception {
    Path core = write("core.yaml", "v1", "Deployment");
    JsonNode sarif =
        new ObjectMapper()
            .readTree(PolicyCommandsTest.run("audit", "-o", "sarif", core.toString()).out());
    assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("api-not-served");
    assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(1);
    Run junit = PolicyCommandsTest.run("audit", "-o", "junit", core.toString());
    assertThat(junit.code()).isEqualTo(1);
    assertThat(junit.out())
        .contains("core.yaml:1 Deployment team-a-dev/p")
        .contains("<failure type=\"critical\" message=\"cannot be judged");
  }
}
