package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's pipeline on a real API server with Tekton's CRDs, reconciled by the operator:
 * its Pipeline and Trigger objects appear in the tenant's CI namespace, and removing {@code
 * spec.build} removes them (the Application's inventory prunes them).
 */
@RealApiServer
class PipelineRemovalTest {

  private static final String SPEC =
      LivePlatform.YAML
          + """
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: piped}
      spec:
        environments: [{name: dev}]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: api, namespace: piped-dev}
      spec:
        tenant: piped
        ports: [{name: http, port: 8080}]
        image: harbor.acme.example.com/piped/api:1.0.0
        build:
          repoURL: https://git.example.test/piped/api.git
          branch: main
      """;

  private static final List<String> KINDS =
      List.of(
          "tekton.dev/v1 Pipeline",
          "triggers.tekton.dev/v1beta1 Trigger",
          "triggers.tekton.dev/v1beta1 TriggerBinding",
          "triggers.tekton.dev/v1beta1 TriggerTemplate");

  @Test
  void removingTheBuildRemovesThePipelineObjects(KubernetesClient admin, @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("spec.yaml"), SPEC);
    LoadResult loaded = SpecLoader.load(List.of(dir.resolve("spec.yaml").toString()));
    assertThat(loaded.errors()).isEmpty();
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    BulwarkSpec spec = loaded.spec();
    LivePlatform.prepare(admin, spec, out);

    try (BulwarkOperator operator =
        BulwarkOperator.start(admin.getConfiguration(), OperatorSettings.local("pipeline-test"))) {
      DemoCommand.applyAndWait(admin, spec, Duration.ofSeconds(90), out, out);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(pipelineObjects(admin))
                      .as(log.toString())
                      .containsKeys("Pipeline", "Trigger"));

      Application app =
          admin.resources(Application.class).inNamespace("piped-dev").withName("api").get();
      app.getSpec().setBuild(null);
      admin.resource(app).update();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(pipelineObjects(admin)).isEmpty());
      assertThat(admin.services().inNamespace("piped-dev").withName("api").get())
          .as("the rest of the application stays")
          .isNotNull();

      admin.resource(app).delete();
      admin.resources(Tenant.class).withName("piped").delete();
    }
  }

  /** The application's objects of the Tekton kinds in the tenant's CI namespace, by kind. */
  private static Map<String, List<String>> pipelineObjects(KubernetesClient admin) {
    Map<String, List<String>> found = new TreeMap<>();
    for (String kind : KINDS) {
      String[] parts = kind.split(" ");
      List<String> names =
          admin
              .genericKubernetesResources(parts[0], parts[1])
              .inNamespace("piped-ci")
              .withLabel(BulwarkLabels.APPLICATION, "api")
              .list()
              .getItems()
              .stream()
              .map(o -> o.getMetadata().getName())
              .toList();
      if (!names.isEmpty()) {
        found.put(parts[1], names);
      }
    }
    return found;
  }
}
