package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.cli.SpecFiles;
import dev.bulwark.operator.apply.ApplyOutcome;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.Engine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark apply}: the spec applied once, by the operator's own engine. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Applies a spec to a cluster once, with the operator's engine: the CRDs, the Platform, Tenants and",
      "Applications, and every object they render (server-side apply, field manager 'bulwark'). Prints each",
      "object as created, patched, unchanged or deleted (no longer desired). Exit 0 when everything applied,",
      "1 when some objects failed (named, with the API server's error), 2 for a spec error (nothing applied),",
      "3 when --install-crds cannot obtain a chart (nothing applied)."
    })
public final class ApplyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SpecFiles specFiles;
  @Mixin KubeOptions kube;

  @Option(
      names = "--install-crds",
      description = {
        "First install the upstream CRDs of the components' custom kinds the spec uses, read from the catalogue's",
        "pinned charts (onto an empty cluster, before the components themselves are installed)."
      })
  boolean installCrds;

  @Option(
      names = "--charts",
      paramLabel = "DIR-or-URL",
      description = {
        "With --install-crds: a mirror of the catalogue's charts to read the CRDs from (default: $BULWARK_CHARTS;",
        "without one, the charts' upstream repositories). See docs/adr/0013."
      })
  String charts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<BulwarkSpec> loaded = specFiles.load(err);
    if (loaded.isEmpty()) {
      return dev.bulwark.cli.BulwarkCli.EXIT_INVALID;
    }
    Optional<DemoCluster.UpstreamCrds> upstream = Optional.empty();
    if (installCrds) {
      try {
        upstream =
            Optional.of(
                DemoCluster.obtainCrds(
                    loaded.get(), ChartArchives.standard(Optional.ofNullable(charts))));
      } catch (ChartFetchException e) {
        err.println(
            "bulwark apply: "
                + e.getMessage()
                + (e.archivesMissing() ? "; " + DemoCluster.HOW_TO_PROVIDE : ""));
        return DemoCommand.EXIT_UNAVAILABLE;
      }
    }
    AtomicReference<String> step = new AtomicReference<>("connecting");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kube.config()).build();
        Progress progress = Progress.of(out, () -> "applying: " + step.get())) {
      if (upstream.isPresent()) {
        step.set("installing the components' CRDs");
        DemoCluster.installUpstream(new CrdInstaller(client), upstream.get(), out);
      }
      Engine engine = Engine.create(client, null, Clock.systemUTC(), "bulwark-apply");
      OneShotApply.Report report =
          new OneShotApply(engine)
              .apply(
                  loaded.get(),
                  new OneShotApply.Listener() {
                    @Override
                    public void step(String message) {
                      step.set(message);
                      out.println(message + ":");
                      out.flush();
                    }

                    @Override
                    public void object(ApplyOutcome outcome) {
                      out.println("  " + outcome.describe());
                      out.flush();
                    }
                  });
      out.printf(
          "%d created, %d patched, %d unchanged, %d deleted, %d failed (%ds)%n",
          report.count(ApplyOutcome.Action.CREATED),
          report.count(ApplyOutcome.Action.PATCHED),
          report.count(ApplyOutcome.Action.UNCHANGED),
          report.count(ApplyOutcome.Action.DELETED),
          report.failures().size(),
          progress.elapsed().toSeconds());
      return report.failures().isEmpty() ? 0 : 1;
    } catch (OneShotApply.BlockedException e) {
      err.println("bulwark apply: nothing applied, blocked by " + e.getMessage());
      return 1;
    } catch (KubernetesClientException e) {
      err.println("bulwark apply: the cluster refused or could not be reached: " + e.getMessage());
      return 1;
    } catch (OneShotApply.VanishedException e) {
      err.println("bulwark apply: " + e.getMessage());
      return 1;
    }
  }
}
