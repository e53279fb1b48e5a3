package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark apply} and {@code bulwark status} against a real API server. */
@RealApiServer
class ApplyAndStatusCommandTest {

  private static final String SPEC =
      LivePlatform.YAML
          + """
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: clitenant}
      spec:
        environments: [{name: dev}]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: api, namespace: clitenant-dev}
      spec:
        tenant: clitenant
        ports: [{name: http, port: 8080}]
        hosts: [{host: api.acme.example.com, environment: dev}]
        image: harbor.acme.example.com/clitenant/api:1.0.0
      """;

  @Test
  void applyReportsEachObjectAndASecondApplyChangesNothing(
      ControlPlane plane, KubernetesClient admin, @TempDir Path dir) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, SPEC);
    String kubeconfig = plane.kubeconfig().toString();
    // the platform stack's objects need their upstream CRDs, as in the demo
    var loaded = SpecLoader.load(List.of(spec.toString())).spec();
    DemoCluster.installCrds(
        admin,
        loaded,
        DemoCluster.obtainCrds(loaded, MirroredCharts.archives()),
        new PrintWriter(new StringWriter()));

    CliRun first = run("apply", spec.toString(), "--kubeconfig", kubeconfig);
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains(
            "Namespace clitenant-dev: created", "Service clitenant-dev/api: created", " 0 failed");

    CliRun second = run("apply", spec.toString(), "--kubeconfig", kubeconfig);
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out())
        .contains("Namespace clitenant-dev: unchanged", "Service clitenant-dev/api: unchanged")
        .contains("0 created, 0 patched")
        .doesNotContain(": created", ": patched");

    CliRun status = run("status", "--kubeconfig", kubeconfig, "-o", "json");
    JsonNode items = new ObjectMapper().readTree(status.out()).path("items");
    assertThat(items.findValuesAsText("name")).contains("acme", "clitenant", "api");
    for (JsonNode item : items) {
      if (List.of("acme", "clitenant", "api").contains(item.path("name").asText())) {
        assertThat(item.path("ready").asBoolean()).as(item.toString()).isTrue();
      }
    }
    CliRun table = run("status", "--kubeconfig", kubeconfig);
    assertThat(table.out()).contains("KIND", "Tenant", "clitenant", "Reconciled");

    // no operator ran, so no finalizer holds these; the Platform is the same as the other tests' of
    // this JVM (platform objects have fixed names, and two Platforms would conflict over them)
    admin
        .resources(dev.bulwark.api.v1alpha1.Application.class)
        .inNamespace("clitenant-dev")
        .withName("api")
        .delete();
    admin.resources(dev.bulwark.api.v1alpha1.Tenant.class).withName("clitenant").delete();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
