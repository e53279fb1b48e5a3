package dev.bulwark.cli.delivery;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.cli.BulwarkCli;
import dev.bulwark.cli.live.KubeOptions;
import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.ClusterIdentity;
import dev.bulwark.delivery.GitOpsRepository;
import dev.bulwark.delivery.Promoter;
import dev.bulwark.delivery.PromotionRefused;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the delivery commands run: a client with the caller's kubeconfig (who they are, and what Argo
 * CD reports), the repository, and one mapping of failures to exit codes: 1 for a refusal or a
 * failure of the cluster or repository, 2 for bad input.
 */
final class DeliveryRun {

  /**
   * The work of one command on what it resolved from the spec, given the promoter and the caller.
   */
  @FunctionalInterface
  interface Work<T> {
    int run(T resolved, Promoter promoter, Actor caller, PrintWriter out);
  }

  private DeliveryRun() {}

  /**
   * Resolves the input from the spec first ({@code resolve} may throw {@link
   * DeliveryOptions.BadInput}), so that bad input is reported before the cluster or repository is
   * reached; then does the work.
   */
  static <T> int run(
      CommandSpec command,
      KubeOptions kube,
      DeliveryOptions options,
      Function<BulwarkSpec, T> resolve,
      Work<T> work) {
    PrintWriter err = command.commandLine().getErr();
    String name = "bulwark " + command.name() + ": ";
    try {
      T resolved = resolve.apply(options.load());
      options.repo();
      return run(resolved, command, kube, options, work);
    } catch (DeliveryOptions.BadInput | IllegalArgumentException e) {
      err.println(name + e.getMessage());
      err.flush();
      return BulwarkCli.EXIT_INVALID;
    }
  }

  private static <T> int run(
      T resolved, CommandSpec command, KubeOptions kube, DeliveryOptions options, Work<T> work) {
    PrintWriter err = command.commandLine().getErr();
    String name = "bulwark " + command.name() + ": ";
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kube.config()).build();
        GitOpsRepository repository = GitOpsRepository.open(options.repo(), options.branch)) {
      Actor caller = ClusterIdentity.whoAmI(client);
      Promoter promoter = new Promoter(repository, new ArgoCdEvidence(client), Clock.systemUTC());
      PrintWriter out = command.commandLine().getOut();
      int code = work.run(resolved, promoter, caller, out);
      out.flush();
      return code;
    } catch (PromotionRefused e) {
      err.println(name + "refused: " + e.getMessage());
      return 1;
    } catch (KubernetesClientException | IllegalStateException e) {
      err.println(name + e.getMessage());
      return 1;
    } finally {
      err.flush();
    }
  }
}
