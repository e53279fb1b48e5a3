package dev.bulwark.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.HostSpec;
import dev.bulwark.api.v1alpha1.SecuritySpec;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.cluster.TektonPipelineRuns;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion that waits for a DAST scan (ADR 0050), with the operator on a real API server under
 * Argo CD's and Tekton's CRDs and a local bare Git repository; the test plays Argo CD and Tekton by
 * writing their status. When dev is synced and healthy, the operator starts the scan instead of
 * promoting; a failed scan keeps stage where it is; a passed one promotes it at once.
 */
@RealApiServer
class DastBeforePromotionLiveTest {

  private static final Duration SECONDS = Duration.ofSeconds(30);
  private static final String TENANT = "dp";
  private static final String APPS = "dp-apps";
  private static final String CI = "dp-ci";
  private static final String IMAGE = "registry.example.test/dp/api";
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String RUN = "api-dast-stage-" + "a".repeat(12);

  @Test
  void stageWaitsForTheScanOfDevAndFollowsItOnceItPassed(
      KubernetesClient admin, Config config, @TempDir Path dir) throws Exception {
    GitOpsRemote remote = GitOpsRemote.withApplication(admin, dir, TENANT, APPS, IMAGE, A);
    TektonPipelineRuns.installTaskRuns(admin);
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(CI).endMetadata().build())
        .serverSideApply();
    requireDastBeforeStage(admin);

    try (BulwarkOperator operator =
        BulwarkOperator.start(config, OperatorSettings.local("dast-promotion-test"))) {
      ArgoCdApplications.report(admin, TENANT, "api", "dev", "Synced", "Healthy", List.of());
      await().atMost(SECONDS).until(() -> run(admin) != null);
      assertThat(params(run(admin)))
          .contains(
              Map.of("name", "target", "value", "https://api.dev.dp.example.test/"),
              Map.of("name", "environment", "value", "stage"),
              Map.of("name", "image", "value", IMAGE + "@" + A));
      assertThat(remote.pins("stage")).as("the scan runs; stage waits").doesNotContain(A);

      TektonPipelineRuns.reportTaskRun(admin, CI, RUN, "False", "Failed", "exit code 1");
      // Argo CD reports dev again: a pass runs, and still promotes nothing
      ArgoCdApplications.report(
          admin, TENANT, "api", "dev", "Synced", "Healthy", List.of(IMAGE + "@" + A));
      Thread.sleep(2_000);
      assertThat(remote.pins("stage")).as("the scan blocked it").doesNotContain(A);

      TektonPipelineRuns.reportTaskRun(admin, CI, RUN, "True", "Succeeded", "");
      await().atMost(SECONDS).until(() -> remote.pins("stage").contains(A));
    }
    assertThat(remote.log("refs/heads/main"))
        .containsExactly("Promote dp/api to stage: " + A.substring(7, 19), "Plan the tree");
    assertThat(
            admin
                .genericKubernetesResources(TektonPipelineRuns.TASK_RUN)
                .inNamespace(CI)
                .list()
                .getItems())
        .as("one scan, however many passes ran")
        .hasSize(1);
  }

  @AfterEach
  void cleanUp(KubernetesClient admin) {
    admin.genericKubernetesResources(TektonPipelineRuns.TASK_RUN).inNamespace(CI).delete();
    GitOpsRemote.cleanUp(admin, TENANT, APPS, IMAGE);
  }

  /** The application waits for a scan of dev (at its host) before stage; prod needs none. */
  private static void requireDastBeforeStage(KubernetesClient admin) {
    Application app = admin.resources(Application.class).inNamespace(APPS).withName("api").get();
    SecuritySpec security = new SecuritySpec();
    SecuritySpec.EnvironmentSpec stage = new SecuritySpec.EnvironmentSpec();
    stage.setName("stage");
    stage.setRequireDast(true);
    security.setEnvironments(List.of(stage));
    app.getSpec().setSecurity(security);
    HostSpec dev = new HostSpec();
    dev.setHost("api.dev.dp.example.test");
    dev.setEnvironment("dev");
    app.getSpec().setHosts(List.of(dev));
    admin.resource(app).update();
  }

  private static GenericKubernetesResource run(KubernetesClient admin) {
    return admin
        .genericKubernetesResources(TektonPipelineRuns.TASK_RUN)
        .inNamespace(CI)
        .withName(RUN)
        .get();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> params(GenericKubernetesResource run) {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) run.getAdditionalProperties().get("spec")).get("params");
  }
}
