package dev.bulwark.cli.live;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.catalog.charts.ChartArchives;
import dev.bulwark.catalog.charts.ChartFetchException;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.ClusterStatus;
import dev.bulwark.operator.live.OneShotApply;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.Engine;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark demo}: the whole loop on a laptop. Starts a real local control plane, runs the
 * operator in this process, applies {@code examples/acme}, waits until every resource is Ready and
 * prints the status table. Then it stays up for kubectl (or, with {@code --check}, tears everything
 * down and exits 0; non-zero with the reason when something is not Ready in time).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local Kubernetes control plane (tools/control-plane.sh), runs the operator in-process, applies",
      "examples/acme and waits until everything is Ready. Stays up until Ctrl-C; --check exits instead."
    })
public final class DemoCommand implements Callable<Integer> {

  /**
   * Exit code when the demo cannot start (no binaries, not a checkout, a chart that cannot be had).
   */
  public static final int EXIT_UNAVAILABLE = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--check",
      description =
          "Exit 0 once everything is Ready and tear the control plane down; non-zero with the reason on timeout.")
  boolean check;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "240",
      description = "How long to wait for Ready (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "State folder of the control plane (default: ~/.cache/bulwark/demo).")
  Path dir;

  @Option(
      names = "--spec",
      paramLabel = "DIR",
      description = "The spec to apply (default: examples/acme of the checkout).")
  Path specDir;

  @Option(
      names = "--charts",
      paramLabel = "DIR-or-URL",
      description = {
        "A mirror of the catalogue's charts (a folder or an http(s) URL laid out as a Helm repository, see docs/adr/0013)",
        "to take the components' CRDs from instead of their upstream repositories (default: $BULWARK_CHARTS)."
      })
  String charts;

  @Option(
      names = "--with-node",
      description = {
        "Also add a real node (tools/node.sh: containerd, kubelet, kube-proxy, CoreDNS; needs root), run the first",
        "Application with a port on it and print the node, the pods and its URL; with --check, prove it serves."
      })
  boolean withNode;

  @Override
  public Integer call() throws Exception {
    Logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path repo = SharedData.repoDir();
    LoadResult result =
        SpecLoader.load(
            List.of((specDir != null ? specDir : repo.resolve("examples/acme")).toString()));
    if (!result.errors().isEmpty()) {
      result.errors().forEach(err::println);
      return dev.bulwark.cli.BulwarkCli.EXIT_INVALID;
    }
    Optional<BulwarkSpec> loaded = Optional.of(result.spec());
    DemoCluster.UpstreamCrds upstreamCrds;
    try (Progress progress =
        Progress.of(out, () -> "obtaining the components' CRDs from their pinned charts")) {
      upstreamCrds =
          DemoCluster.obtainCrds(loaded.get(), ChartArchives.standard(Optional.ofNullable(charts)));
    } catch (ChartFetchException e) {
      err.println(
          "bulwark demo: "
              + e.getMessage()
              + (e.archivesMissing() ? "; " + DemoCluster.HOW_TO_PROVIDE : ""));
      return EXIT_UNAVAILABLE;
    }
    var located = ControlPlane.locate(repo);
    if (located.value().isEmpty()) {
      err.println("bulwark demo: cannot start a control plane: " + located.reason());
      return EXIT_UNAVAILABLE;
    }
    Path state =
        dir != null ? dir : Path.of(System.getProperty("user.home"), ".cache/bulwark/demo");
    Files.createDirectories(state.getParent());
    ControlPlane plane;
    out.println(
        "starting a local control plane (etcd, kube-apiserver, kube-controller-manager) in "
            + state);
    out.flush();
    try (Progress progress = Progress.of(out, () -> "starting the control plane")) {
      plane = ControlPlane.start(located.value().get(), state, Duration.ofMinutes(3));
    }
    int exit;
    BulwarkOperator operator = null;
    DemoNode node = null;
    try {
      Config config = Config.fromKubeconfig(plane.kubeconfigYaml());
      try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(config).build()) {
        DemoCluster.installCrds(admin, loaded.get(), upstreamCrds, out);
        // as an administrator would before installing the operator: the GitOps engine's bootstrap
        new OneShotApply(Engine.create(admin, null, java.time.Clock.systemUTC(), "bulwark-demo"))
            .bootstrap(loaded.get()).stream()
                .filter(o -> o.action().failed())
                .forEach(o -> out.println("warning: bootstrap " + o.describe()));
        operator = BulwarkOperator.start(config, OperatorSettings.local("bulwark-demo"));
        out.println(
            "operator running in this process; applying "
                + (specDir != null ? specDir : "examples/acme"));
        out.flush();
        exit = applyAndWait(admin, loaded.get(), Duration.ofSeconds(timeoutSeconds), out, err);
        if (exit == 0 && withNode) {
          node = DemoNode.start(plane, loaded.get(), out, err).orElse(null);
          exit = node == null ? EXIT_UNAVAILABLE : runOnNode(node, admin, out, err);
        }
      }
    } catch (RuntimeException e) {
      err.println("bulwark demo: " + e);
      exit = 1;
    }
    if (check || exit != 0) {
      DemoNode.close(node);
      if (operator != null) {
        operator.close();
      }
      plane.close();
      out.println(exit == 0 ? "demo check passed; control plane stopped" : "control plane stopped");
      return exit;
    }
    stayUp(plane, operator, node, out);
    return 0;
  }

  /** The workload on the node, printed, and with {@code --check} proven to serve. */
  private int runOnNode(DemoNode node, KubernetesClient admin, PrintWriter out, PrintWriter err) {
    if (!node.deploy(admin, err)) {
      return 1;
    }
    node.print(admin, out);
    if (check && !node.check(admin, err)) {
      return 1;
    }
    if (check) {
      out.println("the application serves from the host and from a pod");
    }
    return 0;
  }

  /**
   * Creates the spec's custom resources (Applications once the operator has made their namespaces),
   * waits until all are Ready and prints the status table; 0 when Ready in time.
   */
  static int applyAndWait(
      KubernetesClient admin,
      BulwarkSpec desired,
      Duration timeout,
      PrintWriter out,
      PrintWriter err) {
    long timeoutSeconds = timeout.toSeconds();
    DemoCluster.apply(admin, desired.platform());
    desired.tenants().forEach(t -> DemoCluster.apply(admin, t));
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    List<String> namespaces =
        desired.applications().stream()
            .map(a -> a.getMetadata().getNamespace())
            .distinct()
            .toList();
    if (!waitFor(
        out,
        "the tenants' namespaces " + namespaces,
        deadline,
        () -> namespaces.stream().allMatch(ns -> admin.namespaces().withName(ns).get() != null))) {
      err.println(
          "bulwark demo: the tenants' namespaces "
              + namespaces
              + " did not appear in "
              + timeoutSeconds
              + "s");
      err.print(StatusCommand.table(ClusterStatus.read(admin)));
      return 1;
    }
    for (Application app : desired.applications()) {
      DemoCluster.apply(admin, app);
    }
    int expected = 1 + desired.tenants().size() + desired.applications().size();
    boolean ready =
        waitFor(
            out,
            "resources to be Ready",
            deadline,
            () -> {
              List<ClusterStatus.Row> rows = ClusterStatus.read(admin);
              return rows.size() >= expected && ClusterStatus.allReady(rows);
            });
    List<ClusterStatus.Row> rows = ClusterStatus.read(admin);
    out.print(StatusCommand.table(rows));
    if (!ready) {
      err.println("bulwark demo: not Ready after " + timeoutSeconds + "s:");
      ClusterStatus.notReady(rows).forEach(line -> err.println("  " + line));
      err.flush();
      return 1;
    }
    out.println("everything is Ready");
    out.flush();
    return 0;
  }

  private static boolean waitFor(
      PrintWriter out, String what, long deadline, BooleanSupplier done) {
    try (Progress progress = Progress.of(out, () -> "waiting for " + what)) {
      while (System.nanoTime() < deadline) {
        if (done.getAsBoolean()) {
          return true;
        }
        Thread.sleep(500);
      }
      return done.getAsBoolean();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void stayUp(
      ControlPlane plane, BulwarkOperator operator, DemoNode node, PrintWriter out)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  try {
                    DemoNode.close(node);
                    plane.close();
                  } catch (IOException e) {
                    System.err.println(
                        "could not stop the control plane: "
                            + e.getMessage()
                            + "; run "
                            + plane.stopCommand());
                  }
                  stopped.countDown();
                },
                "bulwark-demo-stop"));
    out.println();
    out.println("The demo is up. Explore it with kubectl:");
    out.println("  export KUBECONFIG=" + plane.kubeconfig());
    out.println(
        "  kubectl get tenants,applications -A; kubectl get ns; bulwark status --kubeconfig "
            + plane.kubeconfig());
    out.println(
        "Press Ctrl-C to stop the operator and the control plane (or, if this process is gone: "
            + plane.stopCommand()
            + ").");
    out.flush();
    stopped.await();
  }
}
