package dev.bulwark.cli.scorecard;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.SpecFiles;
import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.RenderException;
import dev.bulwark.render.Renderer;
import dev.bulwark.scorecard.Essentials;
import dev.bulwark.scorecard.Observation;
import dev.bulwark.scorecard.Observations;
import dev.bulwark.scorecard.Scorecard;
import dev.bulwark.scorecard.report.ScorecardHtml;
import dev.bulwark.scorecard.report.ScorecardJson;
import dev.bulwark.scorecard.report.ScorecardJunit;
import dev.bulwark.scorecard.report.TenantFindings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark scorecard}: the essentials, each met, partial, missing or failing (ADR 0031). */
@Command(
    name = "scorecard",
    mixinStandardHelpOptions = true,
    description =
        "Scores the platform against the essentials: infrastructure, application lifecycle, observability, security and compliance; one line per essential with its status, evidence and next step. Offline (the default) judges the spec and its rendered objects and can only say configured; --live judges the cluster. Exit 0 when the overall score reaches --fail-under, 1 below it, 2 on bad input.")
public final class ScorecardCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    table,
    json,
    junit,
    html
  }

  @Spec CommandSpec spec;
  @Mixin SpecFiles specFiles;
  @Mixin KubeOptions kube;

  @Option(names = "--live", description = "Judge the cluster the kubeconfig selects.")
  boolean live;

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "Judge one tenant: its objects, the platform-wide ones and its gate evidence.")
  String tenant;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-under",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Exit 1 when the overall score (0 to 100) is below N (default: ${DEFAULT-VALUE}).")
  int failUnder;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (failUnder < 0 || failUnder > 100) {
      err.println("bulwark scorecard: --fail-under " + failUnder + ": expected 0 to 100");
      return BulwarkCli.EXIT_INVALID;
    }
    var loaded = specFiles.load(err);
    if (loaded.isEmpty()) {
      return BulwarkCli.EXIT_INVALID;
    }
    BulwarkSpec bulwarkSpec = loaded.get();
    List<String> tenants =
        bulwarkSpec.tenants().stream().map(t -> t.getMetadata().getName()).sorted().toList();
    if (tenant != null && !tenants.contains(tenant)) {
      err.println(
          "bulwark scorecard: --tenant "
              + tenant
              + ": no such tenant in the spec; tenants: "
              + String.join(", ", tenants));
      return BulwarkCli.EXIT_INVALID;
    }
    Observation observation;
    try {
      observation = observe(bulwarkSpec, Renderer.standard().render(bulwarkSpec));
    } catch (RenderException e) {
      err.println("bulwark scorecard: " + e.getMessage());
      return BulwarkCli.EXIT_INVALID;
    } catch (KubernetesClientException e) {
      err.println("bulwark scorecard: cannot read the cluster: " + e.getMessage());
      return 1;
    }
    Scorecard card = Essentials.judge(observation);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (format) {
          case table -> ScorecardTable.render(card, failUnder);
          case json -> ScorecardJson.write(card);
          case junit -> ScorecardJunit.write(card);
          case html ->
              ScorecardHtml.write(
                  card, TenantFindings.of(observation, tenant == null ? tenants : List.of()));
        });
    out.flush();
    return card.overall() < failUnder ? 1 : 0;
  }

  private Observation observe(BulwarkSpec bulwarkSpec, DesiredState rendered) {
    if (!live) {
      return Observations.offline(bulwarkSpec, rendered, tenant);
    }
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(kube.config()).build()) {
      return Observations.live(client, bulwarkSpec, rendered, tenant, Instant.now());
    }
  }
}
