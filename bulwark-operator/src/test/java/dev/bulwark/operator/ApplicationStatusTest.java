package dev.bulwark.operator;

import static dev.bulwark.operator.LiveFixture.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PipelineRunStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.ArgoCdApplications;
import dev.bulwark.testkit.cluster.RealApiServer;
import dev.bulwark.testkit.cluster.TektonPipelineRuns;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Application's per-environment status on a real kube-apiserver follows what Argo CD and Tekton
 * report (ADR 0041): the digest, sync and health of each environment's Argo CD Application, the
 * newest PipelineRun on the first environment; and nothing is written while nothing changes.
 */
@RealApiServer
class ApplicationStatusTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String REPOSITORY = "registry.example.test/st/web";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String NEWER = "sha256:" + "cd".repeat(32);
  private static BulwarkOperator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    ArgoCdApplications.install(admin);
    TektonPipelineRuns.install(admin);
    operator = BulwarkOperator.start(config, OperatorSettings.local("application-status-test"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void eachEnvironmentFollowsArgoCdAndTheNewestPipelineRun(KubernetesClient admin) {
    Tenant tenant = admin.resource(LiveFixture.tenant("st", "dev", "prod")).create();
    awaitReady(admin, tenant, CONVERGE);
    Application app = LiveFixture.application("st-dev", "web", "st", 8080, null, null);
    app.getSpec().setImage(REPOSITORY + ":1.0.0");
    app.getSpec()
        .setEnvironments(new ArrayList<>(List.of(environment("dev"), environment("prod"))));
    Application ready = awaitReady(admin, admin.resource(app).create(), CONVERGE);
    assertThat(ready.getStatus().getEnvironments())
        .allSatisfy(
            env -> {
              assertThat(env.getSync()).as("no Argo CD Application yet").isNull();
              assertThat(env.getDigest()).as("a tag pins no digest").isNull();
              assertThat(env.getLastPipelineRun()).isNull();
            });

    ArgoCdApplications.report(
        admin, "st", "web", "dev", "Synced", "Healthy", List.of(REPOSITORY + "@" + DIGEST));
    ArgoCdApplications.report(admin, "st", "web", "prod", "OutOfSync", "Progressing", List.of());
    TektonPipelineRuns.report(admin, "st-ci", "web", "web-old", "True", "2026-12-04T00:10:00Z");
    TektonPipelineRuns.report(admin, "st-ci", "other", "other-1", "True", "2026-12-04T00:20:00Z");
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              EnvironmentStatus dev = environment(admin, app, "dev");
              assertThat(dev.getSync()).isEqualTo("Synced");
              assertThat(dev.getHealth()).isEqualTo("Healthy");
              assertThat(dev.getDigest()).isEqualTo(DIGEST);
              assertThat(dev.getLastPipelineRun())
                  .isEqualTo(new PipelineRunStatus("web-old", "Succeeded", "2026-12-04T00:10:00Z"));
              EnvironmentStatus prod = environment(admin, app, "prod");
              assertThat(prod.getSync()).isEqualTo("OutOfSync");
              assertThat(prod.getHealth()).isEqualTo("Progressing");
              assertThat(prod.getDigest()).isNull();
              assertThat(prod.getLastPipelineRun()).as("builds land in dev only").isNull();
            });

    // nothing changed: no status write
    long writes = operator.writes().total();
    String version = admin.resource(app).get().getMetadata().getResourceVersion();
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertThat(admin.resource(app).get().getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(operator.writes().total()).isEqualTo(writes);

    // a newer run that is still going, a promotion that reached prod
    TektonPipelineRuns.report(admin, "st-ci", "web", "web-new", "Unknown", null);
    ArgoCdApplications.report(
        admin, "st", "web", "prod", "Synced", "Healthy", List.of(REPOSITORY + "@" + NEWER));
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              assertThat(environment(admin, app, "dev").getLastPipelineRun())
                  .isEqualTo(new PipelineRunStatus("web-new", "Running", null));
              EnvironmentStatus prod = environment(admin, app, "prod");
              assertThat(prod.getSync()).isEqualTo("Synced");
              assertThat(prod.getDigest()).isEqualTo(NEWER);
            });
  }

  private static ApplicationSpec.AppEnvironmentSpec environment(String name) {
    ApplicationSpec.AppEnvironmentSpec env = new ApplicationSpec.AppEnvironmentSpec();
    env.setName(name);
    env.setReplicas(1);
    return env;
  }

  private static EnvironmentStatus environment(
      KubernetesClient admin, Application app, String name) {
    return admin.resource(app).get().getStatus().getEnvironments().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
