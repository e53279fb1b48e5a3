package dev.bulwark.cli.live;

import dev.bulwark.cli.policy.PeriodicAudit;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
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

  @Option(
      names = "--scorecard-interval",
      paramLabel = "DURATION",
      defaultValue = "PT0S",
      description =
          "Keep the essentials scorecard in the Platform's status and in /metrics, judged this often (ISO-8601, e.g. PT5M) and after each Platform reconcile; PT0S keeps none (default: ${DEFAULT-VALUE}).")
  Duration scorecardInterval;

  @Option(
      names = "--audit-interval",
      paramLabel = "DURATION",
      defaultValue = "PT0S",
      description =
          "Audit the tenants' live objects this often (ISO-8601, e.g. PT10M) and write PolicyReports named bulwark-audit; PT0S runs none (default: ${DEFAULT-VALUE}).")
  Duration auditInterval;

  @Override
  public Integer call() throws InterruptedException {
    Logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    String identity =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .orElseGet(() -> "bulwark-" + ProcessHandle.current().pid());
    OperatorSettings settings =
        OperatorSettings.local(identity)
            .withHttpPort(httpPort)
            .withThreads(threads)
            .withScorecardInterval(scorecardInterval);
    if (leaseNamespace != null) {
      settings = settings.withLeaderElection(leaseNamespace, leaseName, true);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    BulwarkOperator operator = BulwarkOperator.start(kube.config(), settings);
    Optional<PeriodicAudit> audit =
        auditInterval.isZero() || auditInterval.isNegative()
            ? Optional.empty()
            : Optional.of(PeriodicAudit.start(operator.client(), auditInterval));
    // the JVM does not wait for the main thread after SIGTERM, only for shutdown hooks: stop there
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  audit.ifPresent(PeriodicAudit::close);
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
