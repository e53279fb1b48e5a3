package dev.bulwark.cli.delivery;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.DeliveryTarget;
import dev.bulwark.delivery.Digest;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.Promoter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark promote}: moves a digest that passed one environment into the next. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote an application's image digest into an environment through the GitOps repository:"
          + " the digest must be what the environment before it runs, synced and healthy in Argo CD.",
      "An auto environment gets the commit at once; a manual one gets a request that a tenant owner"
          + " approves with bulwark approve. With --auto, makes every automatic promotion that is due."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:promoted, requested, or already there",
      "1:refused (the reason is printed), or the cluster or repository failed",
      "2:bad input: spec errors, an unknown application or environment, a malformed digest"
    })
public final class PromoteCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin DeliveryOptions options;
  @Mixin KubeOptions kube;

  @Parameters(arity = "0..1", paramLabel = "APP", description = "The application.")
  String app;

  @Option(names = "--to", paramLabel = "ENV", description = "The environment to promote into.")
  String to;

  @Option(
      names = "--digest",
      paramLabel = "sha256:...",
      description =
          "The digest expected in the previous environment (default: whatever runs there).")
  String digest;

  @Mixin AppOptions which;

  @Option(
      names = "--auto",
      description = "Make every automatic promotion due now, for every application of the spec.")
  boolean auto;

  /** What to promote: one target and digest, or, with --auto, every target of the spec. */
  private record Plan(DeliveryTarget target, Optional<Digest> digest, List<DeliveryTarget> auto) {}

  @Override
  public Integer call() {
    return DeliveryRun.run(command, kube, options, this::plan, this::promote);
  }

  private Plan plan(BulwarkSpec spec) {
    if (auto) {
      return new Plan(null, Optional.empty(), options.targets(spec));
    }
    if (app == null || to == null) {
      throw new DeliveryOptions.BadInput("expected APP and --to ENV, or --auto");
    }
    return new Plan(
        which.target(spec, app), Optional.ofNullable(digest).map(Digest::of), List.of());
  }

  private int promote(Plan plan, Promoter promoter, Actor caller, PrintWriter out) {
    for (DeliveryTarget target : plan.auto()) {
      promoter.promoteDue(target, caller).forEach(o -> out.println(o.describe(target)));
    }
    if (plan.target() != null) {
      Outcome outcome = promoter.promote(plan.target(), to, plan.digest(), caller);
      out.println(outcome.describe(plan.target()));
    }
    return 0;
  }
}
