package dev.bulwark.cli.live;

import dev.bulwark.cli.policy.PeriodicAudit;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
      defaultValue = "PT5M",
      description =
          "Keep the essentials scorecard in the Platform's status and in /metrics, judged this often (ISO-8601) and after each Platform reconcile, by the leader only; PT0S keeps none (default: ${DEFAULT-VALUE}).")
  Duration scorecardInterval;

  @Option(
      names = "--audit-interval",
      paramLabel = "DURATION",
      defaultValue = "PT10M",
      description =
          "Audit the tenants' live objects this often (ISO-8601) and write PolicyReports named bulwark-audit, by the leader only; PT0S runs none (default: ${DEFAULT-VALUE}).")
  Duration auditInterval;

  @Option(
      names = "--promotions-port",
      paramLabel = "PORT",
      defaultValue = "-1",
      description =
          "Serve the promotion endpoint for external CI (POST /promotions/TENANT/APP, HTTPS) on this port; -1 for none (default: ${DEFAULT-VALUE}).")
  int promotionsPort;

  @Option(
      names = "--promotions-cert",
      paramLabel = "FILE",
      description = "PEM certificate (chain) of the promotion endpoint.")
  Path promotionsCert;

  @Option(
      names = "--promotions-key",
      paramLabel = "FILE",
      description = "PEM PKCS#8 private key of the promotion endpoint.")
  Path promotionsKey;

  @Override
  public Integer call() throws InterruptedException, IOException {
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
    if (promotionsPort >= 0 && (promotionsCert == null || promotionsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--promotions-port needs --promotions-cert and --promotions-key");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    BulwarkOperator operator = BulwarkOperator.start(kube.config(), settings);
    if (promotionsPort >= 0) {
      operator.servePromotions(
          new InetSocketAddress(promotionsPort), promotionsCert, promotionsKey);
    }
    if (auditInterval.compareTo(Duration.ZERO) > 0) {
      operator.whileLeading(() -> PeriodicAudit.start(operator.client(), auditInterval));
    }
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
