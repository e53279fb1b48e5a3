package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.ClusterStatus;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole of examples/acme, every render unit included, reconciled by an operator that acts as
 * the chart's service account: the chart's ClusterRole is enough for everything the operator
 * applies (a kind a render unit adds without a rule in the chart fails here with the 403), and
 * drift on the platform stack's objects (not only the tenancy kinds) is restored within seconds.
 */
@RealApiServer
class OperatorWithChartRbacTest {

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  @Test
  void examplesAcmeConvergesUnderTheChartsRoleAndItsDriftIsRestored(
      KubernetesClient admin, Config config) throws Exception {
    Namespaces.awaitNoneTerminating(admin);
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    // the upstream CRDs as a user's machine gets them: from the pinned charts, here a mirror of
    // them
    DemoCluster.installCrds(
        admin, spec, DemoCluster.obtainCrds(spec, MirroredCharts.archives()), out);
    HelmChart.installRbac(admin);
    new OneShotApply(Engine.create(admin, null, Clock.systemUTC(), "test-admin")).bootstrap(spec);

    OperatorSettings settings = OperatorSettings.local("acme-rbac-test");
    try (BulwarkOperator operator =
        BulwarkOperator.start(HelmChart.asServiceAccount(config), settings)) {
      // generous: the whole platform stack under a restricted identity, on a machine that may be
      // busy; what this test is about is that it converges at all, and without a 403
      int exit = DemoCommand.applyAndWait(admin, spec, Duration.ofSeconds(120), out, out);
      // settled: every resource has a status for its generation and is no longer retrying
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && !ClusterStatus.read(admin).stream()
              .allMatch(
                  r ->
                      r.current()
                          && r.reconciling()
                              .map(c -> "False".equals(c.getStatus()))
                              .orElse(false))) {
        Thread.sleep(500);
      }
      List<ClusterStatus.Row> rows = ClusterStatus.read(admin);
      // what this test is about: no object is refused by RBAC ("User ... cannot <verb> resource
      // ...")
      assertThat(ClusterStatus.notReady(rows))
          .as(log.toString())
          .noneMatch(line -> line.contains("cannot"));
      assertThat(rows).as(log.toString()).allMatch(ClusterStatus.Row::isReady);
      assertThat(exit).as(log.toString()).isZero();

      platformStackDriftIsRestored(admin);

      // the informers on the platform stack's kinds bring no write loop: a steady state stays
      // silent
      Thread.sleep(2000);
      long writes = operator.writes().total();
      Thread.sleep(3000);
      assertThat(operator.writes().total())
          .as("writes in a steady state: " + operator.writes().byResource())
          .isEqualTo(writes);
    }
  }

  /**
   * By hand: loosen a managed ValidatingAdmissionPolicy and delete a managed Argo CD object, both
   * of kinds outside the tenancy units, under the periodic reconcile's 10 minutes.
   */
  private static void platformStackDriftIsRestored(KubernetesClient admin)
      throws InterruptedException {
    var policies =
        admin.genericKubernetesResources(
            "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy");
    GenericKubernetesResource policy =
        managed(policies.withLabel(MANAGED_BY, "bulwark").list().getItems());
    String policyName = policy.getMetadata().getName();
    Object failurePolicy = policy.get("spec", "failurePolicy");
    assertThat(failurePolicy).as("failurePolicy of " + policyName).isEqualTo("Fail");
    policies
        .withName(policyName)
        .edit(
            p -> {
              p.<Map<String, Object>>get("spec").put("failurePolicy", "Ignore");
              return p;
            });

    var argo = admin.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject");
    GenericKubernetesResource project =
        managed(argo.inAnyNamespace().withLabel(MANAGED_BY, "bulwark").list().getItems());
    var projectRef =
        argo.inNamespace(project.getMetadata().getNamespace())
            .withName(project.getMetadata().getName());
    projectRef.delete();

    eventually(
        // a whole reconcile of acme's platform stack, which grew with the scanner stages
        Duration.ofSeconds(30),
        () -> {
          assertThat(policies.withName(policyName).get().<Object>get("spec", "failurePolicy"))
              .isEqualTo("Fail");
          GenericKubernetesResource back = projectRef.get();
          assertThat(back)
              .as("AppProject " + project.getMetadata().getName() + " recreated")
              .isNotNull();
          assertThat(back.getMetadata().getUid())
              .as("a new object, not the deleted one")
              .isNotEqualTo(project.getMetadata().getUid());
          assertThat(back.<Object>get("spec")).isEqualTo(project.<Object>get("spec"));
        });
  }

  /**
   * Retries {@code check} every 200 ms until it passes; after {@code timeout}, its last failure is
   * thrown.
   */
  private static void eventually(Duration timeout, Runnable check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * The first object without finalizers (one with a finalizer no controller here removes would
   * never go).
   */
  private static GenericKubernetesResource managed(List<GenericKubernetesResource> objects) {
    return objects.stream()
        .filter(
            o ->
                o.getMetadata().getFinalizers() == null
                    || o.getMetadata().getFinalizers().isEmpty())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no managed object without finalizers among " + objects.size()));
  }
}
