package dev.bulwark.benchmarks.scorecard;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.benchmarks.render.SyntheticSpecs;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.operator.scorecard.ScorecardKeeper;
import dev.bulwark.render.Renderer;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operator's scorecard on a populated cluster (not a test): N synthetic tenants (three
 * environments, ten applications each) applied to a real local control plane, then the scorecard
 * the operator keeps ({@link ScorecardKeeper#refresh}: read the spec from the cluster, render it,
 * list every judged kind, judge, write the status) timed once cold and then R times. Prints a
 * Markdown table for BENCHMARKS.md.
 *
 * <p>Run: {@code bulwark-benchmarks/run.sh scorecard [TENANTS] [ROUNDS]}.
 */
public final class ScorecardScale {

  private ScorecardScale() {}

  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    var setup = ControlPlane.locate(SharedData.repoDir());
    if (setup.value().isEmpty()) {
      System.err.println("no control plane: " + setup.reason());
      System.exit(3);
    }
    Path dir = Files.createTempDirectory("bulwark-bench-");
    try (ControlPlane plane = ControlPlane.start(setup.value().get(), dir, Duration.ofMinutes(3));
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(plane.kubeconfigYaml()))
                .build()) {
      BulwarkSpec spec = populate(client, tenants);
      try (ScorecardKeeper keeper =
          ScorecardKeeper.create(
              client, Renderer.standard(), new SimpleMeterRegistry(), Clock.systemUTC())) {
        long start = System.nanoTime();
        Scorecard card = keeper.refresh().orElseThrow();
        Duration cold = Duration.ofNanos(System.nanoTime() - start);
        List<Long> warm = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          start = System.nanoTime();
          keeper.refresh().orElseThrow();
          warm.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        Collections.sort(warm);
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf(
            "| cluster | %d Tenants (3 environments), %d Applications, their rendered objects |%n",
            spec.tenants().size(), spec.applications().size());
        System.out.printf("| scorecard, first (cold JVM) | %d ms |%n", cold.toMillis());
        System.out.printf(
            "| scorecard, next %d: min / median / max | %d / %d / %d ms |%n",
            rounds, warm.get(0), warm.get(warm.size() / 2), warm.get(warm.size() - 1));
        System.out.printf("| overall score | %d |%n", card.overall());
      }
    }
  }

  /** Applies the synthetic spec's resources and everything it renders; returns the spec. */
  private static BulwarkSpec populate(KubernetesClient client, int tenants) {
    LoadResult loaded = SpecLoader.loadStrings(SyntheticSpecs.files(tenants));
    if (!loaded.errors().isEmpty()) {
      throw new IllegalStateException("synthetic spec: " + loaded.errors());
    }
    BulwarkSpec spec = loaded.spec();
    CrdInstaller crds = new CrdInstaller(client);
    crds.awaitEstablished(crds.installBulwarkCrds());
    SharedData.resolve("crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml")
        .ifPresent(crds::installFile);
    long start = System.nanoTime();
    OneShotApply.Report report =
        new OneShotApply(Engine.create(client, null, Clock.systemUTC(), "bench"))
            .apply(
                spec,
                new OneShotApply.Listener() {
                  @Override
                  public void step(String message) {
                    System.err.println(message);
                  }

                  @Override
                  public void object(dev.bulwark.operator.apply.ApplyOutcome outcome) {}
                });
    client.resource(spec.platform()).serverSideApply();
    for (Tenant tenant : spec.tenants()) {
      client.resource(tenant).serverSideApply();
    }
    for (Application app : spec.applications()) {
      client.resource(app).serverSideApply();
    }
    System.err.printf(
        "applied %d objects (%d failed) in %d s%n",
        report.outcomes().size(),
        report.failures().size(),
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    // what failed, by kind and the start of the reason: the synthetic production Deployments
    // declare no probes, which the platform's admission policies refuse
    report.failures().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                o -> o.key().kind() + ": " + abbreviated(o.error()),
                java.util.TreeMap::new,
                java.util.stream.Collectors.counting()))
        .forEach((reason, count) -> System.err.printf("  %5d %s%n", count, reason));
    return spec;
  }

  private static String abbreviated(String error) {
    return error == null || error.length() <= 160 ? String.valueOf(error) : error.substring(0, 160);
  }
}
