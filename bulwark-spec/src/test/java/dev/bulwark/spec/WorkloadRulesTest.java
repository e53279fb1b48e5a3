package dev.bulwark.spec;

import static dev.bulwark.spec.SpecFixtures.assertErrors;
import static dev.bulwark.spec.SpecFixtures.loadWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workload checks of an Application ({@link ApplicationRules}): each bad input is one error at
 * its file, line and field path, and the same findings reach the operator without positions.
 */
class WorkloadRulesTest {

  private static final String IMAGE = "harbor.acme.example.com/web/api:1.0.0";

  /** An application of tenant web (environments dev and prod) with {@code spec} after line 6. */
  private static String app(String spec) {
    return """
        apiVersion: bulwark.dev/v1alpha1
        kind: Application
        metadata:
          name: api
        spec:
          tenant: web
        """
        + spec;
  }

  @Test
  void aWorkloadNeedsAnImageABuildOrItsOwnManifests() {
    assertErrors(
        loadWith("api.yaml", app("  ports: [{name: http, port: 80}]\n")),
        "api.yaml:6:3: spec.image: expected something to run: spec.image"
            + " (repository[:tag][@sha256:digest]), a spec.build that produces the image, or"
            + " spec.source with the application's own manifests; found none");
    assertThat(
            loadWith("api.yaml", app("  source: {repoURL: https://git.example.com/api.git}\n"))
                .ok())
        .as("its own manifests need no image")
        .isTrue();
  }

  @Test
  void anImageAndItsOwnManifestsAreOneTooMany() {
    assertErrors(
        loadWith(
            "api.yaml",
            app(
                "  image: "
                    + IMAGE
                    + "\n  source: {repoURL: https://git.example.com/api.git, path: deploy}\n"
                    + "  resources: {requests: {cpu: 100m}}\n")),
        "api.yaml:7:10: spec.image: an application either names an image for Bulwark to run or"
            + " brings its own manifests in spec.source, not both; remove spec.image, or spec.source",
        "api.yaml:9:14: spec.resources: spec.resources shapes the workload Bulwark renders from"
            + " spec.image; with spec.source the application's own manifests define it, so remove"
            + " spec.resources");
  }

  @Test
  void theImageIsAReferenceTheSchemaChecks() {
    assertThat(SpecFixtures.rendered(loadWith("api.yaml", app("  image: Harbor/API:latest!\n"))))
        .singleElement()
        .asString()
        .startsWith("api.yaml:7:10: spec.image: ");
  }

  @Test
  void anEnvironmentOutsideTheTenantIsNamedWithTheTenantsOwn() {
    assertErrors(
        loadWith(
            "api.yaml",
            app("  image: " + IMAGE + "\n  environments:\n    - name: prd\n      replicas: 2\n")),
        "api.yaml:9:13: spec.environments[0].name: tenant `web` has no environment `prd`;"
            + " expected one of dev, prod; did you mean `prod`?");
  }

  @Test
  void replicasAboveThePodQuotaAreRefused() {
    // The fixture's tenant web sets no quota: the default of 50 pods applies.
    assertErrors(
        loadWith(
            "api.yaml",
            app("  image: " + IMAGE + "\n  environments:\n    - name: prod\n      replicas: 51\n")),
        "api.yaml:10:17: spec.environments[0].replicas: expected at most 50 replicas, the pod"
            + " quota of tenant `web` (quota.pods), found 51; lower the replicas or raise the quota");
  }

  @Test
  void anAutoscalerBeyondAnEnvironmentsOwnQuotaIsRefused() {
    Tenant tenant = SpecObjectsForRules.tenant("web", "prod", 10);
    Application app = SpecObjectsForRules.app("api", "web", IMAGE);
    app.getSpec().getEnvironments().get(0).setAutoscaling(SpecObjectsForRules.hpa(2, 11));
    assertThat(ApplicationRules.check(app, tenant))
        .extracting(f -> f.fieldPath() + ": " + f.message())
        .containsExactly(
            "spec.environments[0].autoscaling.maxReplicas: expected at most 10 replicas, the"
                + " quota of environment `prod` of tenant `web` (quota.pods), found 11; lower the"
                + " replicas or raise the quota");
  }

  @Test
  void anAutoscalersMinimumMayNotExceedItsMaximum() {
    assertErrors(
        loadWith(
            "api.yaml",
            app(
                "  image: "
                    + IMAGE
                    + "\n  environments:\n    - name: prod\n      autoscaling:\n"
                    + "        minReplicas: 5\n        maxReplicas: 3\n")),
        "api.yaml:11:22: spec.environments[0].autoscaling.minReplicas: expected minReplicas at"
            + " most maxReplicas (3), found 5");
  }

  @Test
  void anEnvironmentVariableReadsOnlyTheApplicationsOwnSecrets() {
    assertErrors(
        loadWith(
            "api.yaml",
            app(
                "  image: "
                    + IMAGE
                    + "\n  secrets:\n    - {name: api-db, path: api/db}\n  env:\n"
                    + "    - name: DB_PASSWORD\n      fromSecret: {name: api-bd, key: password}\n")),
        "api.yaml:12:26: spec.env[0].fromSecret.name: secret `api-bd` is not one of the"
            + " application's spec.secrets; expected one of api-db; did you mean `api-db`?");
  }

  @Test
  void aProbeChecksADeclaredPort() {
    assertErrors(
        loadWith(
            "api.yaml",
            app(
                "  image: "
                    + IMAGE
                    + "\n  ports: [{name: http, port: 80}]\n"
                    + "  probes:\n    readiness: {port: htp, path: /ready}\n")),
        "api.yaml:10:23: spec.probes.readiness.port: no port named `htp` in spec.ports; expected"
            + " one of http; did you mean `http`?");
  }

  @Test
  void aValidWorkloadLoads() {
    LoadResult result =
        loadWith(
            "api.yaml",
            app(
                "  image: "
                    + IMAGE
                    + "\n  ports: [{name: http, port: 80}]\n"
                    + "  environments:\n    - name: prod\n      autoscaling: {maxReplicas: 50}\n"
                    + "  resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}\n"
                    + "  probes: {readiness: {port: http, path: /ready}, liveness: {port: http}}\n"
                    + "  secrets: [{name: api-db, path: api/db}]\n"
                    + "  env:\n    - {name: MODE, value: fast}\n"
                    + "    - {name: DB_PASSWORD, fromSecret: {name: api-db, key: password}}\n"));
    assertThat(result.errors()).isEmpty();
    assertThat(result.ok()).isTrue();
  }

  @Test
  void theOperatorGetsTheSameFindingsWithoutATenant() {
    Application app = SpecObjectsForRules.app("api", "web", null);
    assertThat(ApplicationRules.check(app, null))
        .extracting(SpecCheck.Finding::fieldPath)
        .isEqualTo(List.of("spec.image"));
  }
}
