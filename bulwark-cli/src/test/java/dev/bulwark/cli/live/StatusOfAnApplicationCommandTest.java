package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.cluster.TektonPipelineRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark status APP} on a real API server with the operator running: the table and the JSON
 * follow what Argo CD and Tekton report; an unknown application is a clear error.
 */
@RealApiServer
class StatusOfAnApplicationCommandTest {

  private static final String DIGEST = "sha256:" + "5e".repeat(32);

  private static final String SPEC =
      LivePlatform.YAML
          + """
      apiVersion: bulwark.dev/v1alpha1
      kind: Tenant
      metadata: {name: seen}
      spec:
        environments: [{name: dev}, {name: prod}]
      ---
      apiVersion: bulwark.dev/v1alpha1
      kind: Application
      metadata: {name: shop, namespace: seen-dev}
      spec:
        tenant: seen
        ports: [{name: http, port: 8080}]
        image: harbor.acme.example.com/seen/shop:1.0.0
        environments: [{name: dev}, {name: prod}]
      """;

  @Test
  void printsEachEnvironmentAsArgoCdAndTektonReportIt(
      ControlPlane plane, KubernetesClient admin, @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("spec.yaml"), SPEC);
    LoadResult loaded = SpecLoader.load(List.of(dir.resolve("spec.yaml").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    LivePlatform.prepare(admin, spec, out);
    ArgoCdApplications.install(admin);
    TektonPipelineRuns.install(admin);
    String kubeconfig = plane.kubeconfig().toString();

    try (BulwarkOperator operator =
        BulwarkOperator.start(admin.getConfiguration(), OperatorSettings.local("status-test"))) {
      DemoCommand.applyAndWait(admin, spec, Duration.ofSeconds(90), out, out);
      ArgoCdApplications.report(
          admin,
          "seen",
          "shop",
          "dev",
          "Synced",
          "Healthy",
          List.of("harbor.acme.example.com/seen/shop@" + DIGEST));
      ArgoCdApplications.report(admin, "seen", "shop", "prod", "OutOfSync", "Missing", List.of());
      TektonPipelineRuns.report(
          admin, "seen-ci", "shop", "shop-x7k2p", "False", "2026-12-04T01:00:00Z");

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                CliRun table = CliRun.of("status", "shop", "--kubeconfig", kubeconfig);
                assertThat(table.out())
                    .as(table.err())
                    .contains("Application seen/shop", "ENVIRONMENT", "LAST RUN")
                    .containsPattern(
                        "dev +sha256:5e5e5e5e5e5e… +Synced +Healthy +1 +shop-x7k2p Failed"
                            + " 2026-12-04T01:00:00Z")
                    .containsPattern("prod +- +OutOfSync +Missing +1 +-\\n");
              });
      CliRun json =
          CliRun.of("status", "shop", "--tenant", "seen", "--kubeconfig", kubeconfig, "-o", "json");
      // the exit code says whether the Application is Ready, whatever else the shared API server
      // holds at this point
      Application shop = shopStatus(admin);
      boolean ready =
          dev.bulwark.operator.reconcile.StatusAggregator.ready(
              shop.getStatus(), shop.getMetadata().getGeneration());
      assertThat(json.exit()).as(json.err()).isEqualTo(ready ? 0 : 1);
      JsonNode environments = new ObjectMapper().readTree(json.out()).path("environments");
      assertThat(environments.get(0).path("name").asText()).isEqualTo("dev");
      assertThat(environments.get(0).path("digest").asText()).isEqualTo(DIGEST);
      assertThat(environments.get(0).path("lastPipelineRun").path("result").asText())
          .isEqualTo("Failed");
      assertThat(environments.get(1).path("health").asText()).isEqualTo("Missing");

      CliRun unknown = CliRun.of("status", "shopp", "--kubeconfig", kubeconfig);
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err())
          .contains("bulwark status: no Application named shopp in the cluster");
      CliRun otherTenant =
          CliRun.of("status", "shop", "--tenant", "acme", "--kubeconfig", kubeconfig);
      assertThat(otherTenant.err()).contains("no Application named shop of tenant acme");

      admin.resources(Application.class).inNamespace("seen-dev").withName("shop").delete();
      admin.resources(Tenant.class).withName("seen").delete();
    }
  }

  private static Application shopStatus(KubernetesClient admin) {
    return admin.resources(Application.class).inNamespace("seen-dev").withName("shop").get();
  }
}
