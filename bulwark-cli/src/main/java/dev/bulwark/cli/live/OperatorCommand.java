package dev.bulwark.cli.live;

import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark operator}: runs the operator, in a pod or from a kubeconfig, until stopped. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description =
        "Runs the Bulwark operator (Platform, Tenant and Application reconcilers) until SIGTERM or Ctrl-C.")
public final class OperatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KubeOptions kube;

  @Option(
      names = "--leader-election-namespace",
      paramLabel = "NS",
      description =
          "Namespace of the leader-election Lease; without it, no leader election (run one replica only).")
  String leaseNamespace;

  @Option(
      names = "--lease-name",
      paramLabel = "NAME",
      defaultValue = OperatorSettings.DEFAULT_LEASE,
      description = "Name of the Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description =
          "Port of /healthz, /readyz and /metrics; -1 for none (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Concurrent reconciles (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws InterruptedException {
    Logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    String identity =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .orElseGet(() -> "bulwark-" + ProcessHandle.current().pid());
    OperatorSettings settings =
        OperatorSettings.local(identity).withHttpPort(httpPort).withThreads(threads);
    if (leaseNamespace != null) {
      settings = settings.withLeaderElection(leaseNamespace, leaseName, true);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    BulwarkOperator operator = BulwarkOperator.start(kube.config(), settings);
    // the JVM does not wait for the main thread after SIGTERM, only for shutdown hooks: stop there
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  stopped.countDown();
                },
                "bulwark-shutdown"));
    {
      out.printf(
          "operator %s running%s; health and metrics on %s. Ctrl-C stops it.%n",
          identity,
          leaseNamespace == null
              ? ""
              : " (leader election: Lease " + leaseNamespace + "/" + leaseName + ")",
          operator.httpPort().map(p -> "port " + p).orElse("no port"));
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
