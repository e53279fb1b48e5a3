package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.cli.policy.AuditReports;
import dev.bulwark.cli.policy.ClusterAudit;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.scorecard.ScorecardKeeper;
import dev.bulwark.render.Renderer;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.PolicyReportCrds;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The leader's loops (ADR 0043) under the chart's service account on a real API server: the
 * scorecard of examples/acme lists every kind it judges and writes the Platform's status, and the
 * cluster audit reads a tenant's workloads, writes its PolicyReport and deletes it once the
 * namespace leaves the tenants. A kind listed, or a report written, without its rule in the chart's
 * ClusterRole fails here with the API server's 403; kinds whose CRDs are not installed still go
 * through the authorizer, which answers before the API server finds the kind missing.
 */
@RealApiServer
class LeaderLoopsWithChartRbacTest {

  private static final String NAMESPACE = "rbacloops-dev";

  @Test
  void theScorecardAndTheAuditRunUnderTheChartsRole(KubernetesClient admin, Config config)
      throws Exception {
    new CrdInstaller(admin).awaitEstablished(new CrdInstaller(admin).installBulwarkCrds());
    PolicyReportCrds.install(admin);
    HelmChart.installRbac(admin);
    Namespaces.awaitNoneTerminating(admin);
    BulwarkSpec spec = acme();
    if (admin.resources(Platform.class).list().getItems().isEmpty()) {
      admin.resource(clean(spec.platform())).serverSideApply();
    }
    for (Tenant tenant : spec.tenants()) {
      admin.resource(clean(tenant)).serverSideApply();
    }
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels(BulwarkLabels.TENANT, "rbacloops")
                .endMetadata()
                .build())
        .serverSideApply();
    // the audit must find this Pod, so no admission policy an earlier class bound may refuse it
    LeftBehind.removeBulwarkAdmissionPolicies(admin);
    var privileged =
        new PodBuilder()
            .withNewMetadata()
            .withName("privileged")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.example/app:1")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    // the API server's policy cache learns of the deleted bindings a moment later
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreException(KubernetesClientException.class)
        .until(() -> admin.resource(privileged).create() != null);

    Config serviceAccount = HelmChart.asServiceAccount(new ConfigBuilder(config).build());
    try (KubernetesClient chart = new KubernetesClientBuilder().withConfig(serviceAccount).build();
        ScorecardKeeper keeper =
            ScorecardKeeper.create(
                chart, Renderer.standard(), new SimpleMeterRegistry(), Clock.systemUTC())) {
      Optional<Scorecard> card = keeper.refresh();
      assertThat(card).as("the scorecard of the cluster's Platform").isPresent();
      Platform platform = admin.resources(Platform.class).list().getItems().get(0);
      assertThat(platform.getStatus().getScorecard().getEssentials())
          .as("status.scorecard written by the chart's identity")
          .hasSize(card.get().lines().size());

      ClusterAudit audit = new ClusterAudit(chart, Clock.systemUTC());
      AuditReports.Published first = audit.run();
      assertThat(first.written()).contains("PolicyReport " + NAMESPACE + "/bulwark-audit");

      admin
          .namespaces()
          .withName(NAMESPACE)
          .edit(
              ns -> {
                ns.getMetadata().getLabels().remove(BulwarkLabels.TENANT);
                return ns;
              });
      AuditReports.Published second = audit.run();
      assertThat(second.deleted()).contains("PolicyReport " + NAMESPACE + "/bulwark-audit");
    } finally {
      admin.namespaces().withName(NAMESPACE).delete();
    }
  }

  private static BulwarkSpec acme() {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    return loaded.spec();
  }

  /** The object as a user applies it: no status, no server-set metadata from the loader. */
  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T clean(T object) {
    object.getMetadata().setResourceVersion(null);
    object.getMetadata().setManagedFields(null);
    if (object instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> resource) {
      resource.setStatus(null);
    }
    return object;
  }
}
