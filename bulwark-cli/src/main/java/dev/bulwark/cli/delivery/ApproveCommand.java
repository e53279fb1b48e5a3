package dev.bulwark.cli.delivery;

import dev.bulwark.cli.live.KubeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark approve}: an owner approves the promotion that waits for an environment. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve the promotion that waits for a manual environment: the cluster says who you are"
          + " (SelfSubjectReview), and only a member of the tenant's owner groups may approve.",
      "The approval commit moves the digest and records who asked, who approved, as which group,"
          + " and when."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:approved and promoted",
      "1:refused (not an owner, nothing pending, the digest no longer passed), or the cluster or"
          + " repository failed",
      "2:bad input"
    })
public final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec command;
  @Mixin DeliveryOptions options;
  @Mixin KubeOptions kube;

  @Parameters(paramLabel = "APP", description = "The application.")
  String app;

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment the promotion waits for.")
  String environment;

  @Mixin AppOptions which;

  @Override
  public Integer call() {
    return DeliveryRun.run(
        command,
        kube,
        options,
        spec -> which.target(spec, app),
        (target, promoter, caller, out) -> {
          out.println(promoter.approve(target, environment, caller).describe(target));
          return 0;
        });
  }
}
