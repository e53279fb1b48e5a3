package dev.bulwark.operator;

import static dev.bulwark.operator.LiveFixture.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.operator.reconcile.BulwarkReconciler;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Application's workload on a real kube-apiserver (with its controller manager): it converges, a
 * change of replicas touches only that environment's Deployment, a bad spec is blocked with nothing
 * applied, and switching to the application's own manifests prunes the workload.
 */
@RealApiServer
class WorkloadLifecycleTest {

  private static final Duration CONVERGE = Duration.ofSeconds(30);
  private static final String IMAGE = "registry.example.test/wl/api:1.0.0";
  private static BulwarkOperator operator;

  @BeforeAll
  static void start(KubernetesClient admin, Config config) {
    LiveFixture.installCrds(admin);
    LiveFixture.ensurePlatform(admin);
    operator = BulwarkOperator.start(config, OperatorSettings.local("workload-lifecycle-test"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  private static ApplicationSpec.AppEnvironmentSpec environment(String name, int replicas) {
    ApplicationSpec.AppEnvironmentSpec env = new ApplicationSpec.AppEnvironmentSpec();
    env.setName(name);
    env.setReplicas(replicas);
    return env;
  }

  private static Application app() {
    Application app = LiveFixture.application("wl-dev", "api", "wl", 8080, null, null);
    app.getSpec().setImage(IMAGE);
    app.getSpec()
        .setEnvironments(new ArrayList<>(List.of(environment("dev", 1), environment("prod", 2))));
    return app;
  }

  @Test
  void theWorkloadConvergesFollowsReplicasAndGoesWithTheSwitchToOwnManifests(
      KubernetesClient admin) {
    Tenant tenant = admin.resource(LiveFixture.tenant("wl", "dev", "prod")).create();
    awaitReady(admin, tenant, CONVERGE);
    Application ready = awaitReady(admin, admin.resource(app()).create(), CONVERGE);

    Deployment prod = deployment(admin, "wl-prod");
    assertThat(prod.getSpec().getReplicas()).isEqualTo(2);
    assertThat(prod.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(IMAGE);
    assertThat(admin.serviceAccounts().inNamespace("wl-dev").withName("api").get()).isNotNull();
    assertThat(
            admin.policy().v1().podDisruptionBudget().inNamespace("wl-prod").withName("api").get())
        .isNotNull();
    assertThat(
            admin.policy().v1().podDisruptionBudget().inNamespace("wl-dev").withName("api").get())
        .as("one replica in dev")
        .isNull();
    assertThat(ready.getStatus().getEnvironments())
        .containsExactly(
            new EnvironmentStatus("dev", IMAGE, 1, null, null),
            new EnvironmentStatus("prod", IMAGE, 2, null, null));

    // replicas: only prod's Deployment changes
    Map<String, String> before = versions(admin);
    long devGeneration = deployment(admin, "wl-dev").getMetadata().getGeneration();
    long prodGeneration = prod.getMetadata().getGeneration();
    Application current = admin.resource(ready).get();
    current.getSpec().getEnvironments().get(1).setReplicas(3);
    awaitReady(admin, admin.resource(current).update(), CONVERGE);
    assertThat(deployment(admin, "wl-prod").getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment(admin, "wl-prod").getMetadata().getGeneration())
        .isEqualTo(prodGeneration + 1);
    assertThat(deployment(admin, "wl-dev").getMetadata().getGeneration())
        .as("dev's Deployment is not written")
        .isEqualTo(devGeneration);
    assertThat(versions(admin)).as("nothing else is written").isEqualTo(before);

    // bad input that no CEL rule can see (the quota is the Tenant's): blocked, nothing applied or
    // pruned; the objects it owns keep their versions (ADR 0036)
    Map<String, String> valid = versions(admin);
    long validProdGeneration = deployment(admin, "wl-prod").getMetadata().getGeneration();
    Application tooMany = admin.resource(current).get();
    tooMany.getSpec().getEnvironments().get(1).setReplicas(60);
    admin.resource(tooMany).update();
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () ->
                assertThat(admin.resource(tooMany).get().getStatus().getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getReason()).isEqualTo(BulwarkReconciler.INVALID_SPEC);
                          assertThat(c.getMessage())
                              .contains("spec.environments[1].replicas: expected at most 50");
                        }));
    assertThat(deployment(admin, "wl-prod").getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment(admin, "wl-prod").getMetadata().getGeneration())
        .isEqualTo(validProdGeneration);
    assertThat(versions(admin)).as("nothing written while invalid").isEqualTo(valid);

    // its own manifests: the workload goes, the Service stays
    Application switched = admin.resource(tooMany).get();
    switched.getSpec().getEnvironments().get(1).setReplicas(3);
    switched.getSpec().setImage(null);
    ApplicationSpec.SourceSpec source = new ApplicationSpec.SourceSpec();
    source.setRepoURL("https://git.example.test/wl/api.git");
    switched.getSpec().setSource(source);
    Application own = awaitReady(admin, admin.resource(switched).update(), CONVERGE);
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              for (String namespace : List.of("wl-dev", "wl-prod")) {
                assertThat(admin.apps().deployments().inNamespace(namespace).withName("api").get())
                    .isNull();
                assertThat(admin.serviceAccounts().inNamespace(namespace).withName("api").get())
                    .isNull();
              }
              assertThat(
                      admin
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace("wl-prod")
                          .withName("api")
                          .get())
                  .isNull();
            });
    assertThat(admin.services().inNamespace("wl-prod").withName("api").get()).isNotNull();
    assertThat(own.getStatus().getEnvironments()).isEmpty();

    admin.resource(own).delete();
    admin.resources(Tenant.class).withName("wl").delete();
  }

  private static Deployment deployment(KubernetesClient admin, String namespace) {
    return admin.apps().deployments().inNamespace(namespace).withName("api").get();
  }

  /**
   * Resource versions of the application's objects that are not Deployments; of a disruption budget
   * its generation, as the controller manager writes its status when the pods change.
   */
  private static Map<String, String> versions(KubernetesClient admin) {
    Map<String, String> versions = new TreeMap<>();
    for (String namespace : List.of("wl-dev", "wl-prod")) {
      List<HasMetadata> objects = new ArrayList<>();
      objects.add(admin.serviceAccounts().inNamespace(namespace).withName("api").get());
      objects.add(admin.services().inNamespace(namespace).withName("api").get());
      objects.add(
          admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("api").get());
      for (HasMetadata object : objects) {
        if (object != null) {
          versions.put(
              object.getKind() + " " + namespace,
              object.getKind().equals("PodDisruptionBudget")
                  ? "generation " + object.getMetadata().getGeneration()
                  : object.getMetadata().getResourceVersion());
        }
      }
    }
    return versions;
  }
}
