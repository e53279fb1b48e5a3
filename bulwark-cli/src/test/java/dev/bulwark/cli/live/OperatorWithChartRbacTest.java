package dev.bulwark.cli.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.operator.live.ClusterStatus;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import dev.bulwark.testkit.SharedData;
import dev.bulwark.testkit.cluster.HelmChart;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole of examples/acme, every render unit included, reconciled by an operator that acts as
 * the chart's service account: the chart's ClusterRole is enough for everything the operator
 * applies (a kind a render unit adds without a rule in the chart fails here with the 403).
 */
@RealApiServer
class OperatorWithChartRbacTest {

  @Test
  void examplesAcmeConvergesUnderTheChartsRole(KubernetesClient admin, Config config) throws Exception {
    Assumptions.assumeTrue(SharedData.resolve("crds/CRDS.tsv").isPresent(), "skipped: no shared CRD collection (../shared/crds)");
    LoadResult loaded = SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    StringWriter log = new StringWriter();
    PrintWriter out = new PrintWriter(log, true);
    DemoCluster.installCrds(admin, spec, out);
    HelmChart.installRbac(admin);
    new OneShotApply(Engine.create(admin, null, Clock.systemUTC(), "test-admin")).bootstrap(spec);

    OperatorSettings settings = OperatorSettings.local("acme-rbac-test");
    try (BulwarkOperator operator = BulwarkOperator.start(HelmChart.asServiceAccount(config), settings)) {
      int exit = DemoCommand.applyAndWait(admin, spec, Duration.ofSeconds(30), out, out);
      // settled: every resource has a status for its generation and is no longer retrying
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline && !ClusterStatus.read(admin).stream()
          .allMatch(r -> r.current() && r.reconciling().map(c -> "False".equals(c.getStatus())).orElse(false))) {
        Thread.sleep(500);
      }
      List<ClusterStatus.Row> rows = ClusterStatus.read(admin);
      // what this test is about: no object is refused by RBAC ("User ... cannot <verb> resource ...")
      assertThat(ClusterStatus.notReady(rows)).as(log.toString()).noneMatch(line -> line.contains("cannot"));
      assertThat(rows).as(log.toString()).allMatch(ClusterStatus.Row::isReady);
      assertThat(exit).as(log.toString()).isZero();
    }
  }
}
