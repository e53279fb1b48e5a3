package dev.bulwark.benchmarks.operator;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.BuildSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.benchmarks.render.SyntheticSpecs;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.ClusterStatus;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Operator convergence on the local control plane (not a test): from empty, N Tenants (two
 * environments each) and M Applications (a port and a public host each) created at once; measures
 * the time until every one is Ready, the operator's mutating requests, the JVM's heap, and then a
 * steady-state window that must show zero writes. Prints a Markdown section for BENCHMARKS.md.
 *
 * <p>Run: {@code java -Xmx512m -cp "bulwark-benchmarks/target/classes:$(cat
 * bulwark-benchmarks/target/classpath.txt)" dev.bulwark.benchmarks.operator.OperatorConvergence
 * [TENANTS] [APPS_PER_TENANT] [STEADY_SECONDS] [THREADS] [plain|builds]}. {@code builds}: every
 * tenant has dev, stage and prod, and every application a Tekton build and the three environments
 * with a host each, as acme's checkout. The render units are those on the class path, which for
 * this module are the CLI distribution's (the platform's and the policies').
 */
public final class OperatorConvergence {

  private OperatorConvergence() {}

  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int appsPerTenant = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    boolean builds = args.length > 4 && "builds".equals(args[4]);
    var setup = ControlPlane.locate(SharedData.repoDir());
    if (setup.value().isEmpty()) {
      System.err.println("no control plane: " + setup.reason());
      System.exit(3);
    }
    Path dir = Files.createTempDirectory("bulwark-bench-");
    try (ControlPlane plane = ControlPlane.start(setup.value().get(), dir, Duration.ofMinutes(3))) {
      run(
          Config.fromKubeconfig(plane.kubeconfigYaml()),
          dir,
          tenants,
          appsPerTenant,
          steadySeconds,
          threads,
          builds);
    }
  }

  /**
   * Creates the tenants, then each tenant's applications once the operator made its dev namespace.
   */
  private static void createTenantsAndApplications(
      KubernetesClient driver, int tenants, int appsPerTenant, boolean builds)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < tenants; t++) {
      Tenant tenant =
          builds
              ? SpecObjects.tenant("t" + t, "dev", "stage", "prod")
              : SpecObjects.tenant("t" + t, "dev", "prod");
      pool.submit(() -> driver.resource(tenant).create());
    }
    // applications live in their tenant's dev namespace, which the operator creates
    Set<Integer> pending = new HashSet<>();
    for (int t = 0; t < tenants; t++) {
      pending.add(t);
    }
    while (!pending.isEmpty()) {
      Set<String> namespaces = new HashSet<>();
      driver
          .namespaces()
          .withLabel("bulwark.dev/environment", "dev")
          .list()
          .getItems()
          .forEach(n -> namespaces.add(n.getMetadata().getName()));
      for (Integer t : List.copyOf(pending)) {
        if (namespaces.contains("t" + t + "-dev")) {
          pending.remove(t);
          for (int a = 0; a < appsPerTenant; a++) {
            Application app =
                builds ? builtApplication("t" + t, "app" + a) : application("t" + t, "app" + a);
            pool.submit(() -> driver.resource(app).create());
          }
        }
      }
      Thread.sleep(200);
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
  }

  private static void run(
      Config config,
      Path planeDir,
      int tenants,
      int appsPerTenant,
      int steadySeconds,
      int threads,
      boolean builds)
      throws Exception {
    try (KubernetesClient driver = new KubernetesClientBuilder().withConfig(config).build()) {
      prepareCluster(driver);
      try (BulwarkOperator operator =
          BulwarkOperator.start(config, OperatorSettings.local("bench").withThreads(threads))) {
        ServerLoad loadBefore = ServerLoad.read(driver, planeDir);
        long start = System.nanoTime();
        // a minute per 250 applications beyond the first 15 minutes' worth, for the large shapes
        Duration limit = Duration.ofMinutes(Math.max(15, tenants * appsPerTenant / 250));
        createTenantsAndApplications(driver, tenants, appsPerTenant, builds);
        int expected = 1 + tenants + tenants * appsPerTenant;
        Wait wait = awaitReady(driver, operator, expected, start, limit);
        boolean converged = wait.converged();
        long heapMax = wait.heapMax();
        Duration converge = Duration.ofNanos(System.nanoTime() - start);
        ServerLoad load = ServerLoad.read(driver, planeDir).since(loadBefore);
        long writes = operator.writes().total();
        var byResource = operator.writes().byResource();
        long heapPeak =
            Math.max(heapMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long heapLimit = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        System.gc();
        long heapLive = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        long steadyWrites = converged ? steadyState(operator, driver, steadySeconds) : -1;
        long ready = wait.ready();
        System.out.printf("| reconcile threads | %d |%n", threads);
        System.out.printf(
            "| shape | %s |%n",
            builds
                ? "3 environments per tenant; per application a Tekton build, 3 environments, 3 hosts"
                : "2 environments per tenant; per application 1 port, 1 host");
        System.out.printf(
            "| converged | %s |%n",
            converged ? "yes" : "no: " + ready + " of " + expected + " Ready at the time below");
        report(
            tenants,
            tenants * appsPerTenant,
            converge,
            writes,
            byResource,
            heapPeak,
            heapLive,
            steadySeconds,
            steadyWrites);
        System.out.printf("| heap limit (-Xmx) | %d MiB |%n", heapLimit >> 20);
        System.out.printf(
            "| API server requests until Ready, every client (its apiserver_request_total) | %d,"
                + " %.0f per second: %s |%n",
            load.requests(), load.requests() / (converge.toMillis() / 1000.0), load.requestsText());
        System.out.printf("| CPU-s until Ready, by process | %s |%n", load.cpuText());
      }
    }
  }

  /**
   * The CRDs (Bulwark's and every upstream one), the GitOps engine's namespace, which bulwark
   * apply's bootstrap creates and the operator does not (tenants' AppProjects and the platform's
   * Argo CD Applications live there), the Platform, and the stand-in that serves the constraint
   * kinds.
   */
  private static void prepareCluster(KubernetesClient driver) throws java.io.IOException {
    CrdInstaller crds = new CrdInstaller(driver);
    crds.installBulwarkCrds();
    installUpstreamCrds(crds);
    driver
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("argocd")
                .endMetadata()
                .build())
        .create();
    driver
        .resource(
            driver.getKubernetesSerialization().unmarshal(SyntheticSpecs.PLATFORM, Platform.class))
        .create();
    ConstraintCrds.serveInBackground(driver);
  }

  /** How the wait for Ready ended: in time or not, how many were Ready, the most heap seen. */
  private record Wait(boolean converged, long ready, long heapMax) {}

  /**
   * Polls until all {@code expected} resources are Ready or {@code limit} has passed since {@code
   * start}, printing progress every 10 s. Listing every resource is itself load on the API server
   * (at 10,000 Applications, four lists a second took a fifth of its CPU): it polls as often as the
   * size allows.
   */
  private static Wait awaitReady(
      KubernetesClient driver, BulwarkOperator operator, int expected, long start, Duration limit)
      throws InterruptedException {
    long pollMillis = Math.min(5_000, Math.max(250, expected / 4));
    List<ClusterStatus.Row> rows = ClusterStatus.read(driver);
    long lastReport = System.nanoTime();
    long heapMax = 0;
    while (rows.size() < expected || !ClusterStatus.allReady(rows)) {
      heapMax =
          Math.max(heapMax, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      long ready = rows.stream().filter(ClusterStatus.Row::isReady).count();
      if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
        lastReport = System.nanoTime();
        System.err.printf(
            "%ds: %d of %d Ready, %d writes; not Ready: %s%n",
            Duration.ofNanos(lastReport - start).toSeconds(),
            ready,
            expected,
            operator.writes().total(),
            ClusterStatus.notReady(rows).limit(3).toList());
      }
      if (System.nanoTime() - start > limit.toNanos()) {
        System.err.printf(
            "not converged in %d min: %d of %d Ready; not Ready: %s%n",
            limit.toMinutes(), ready, expected, ClusterStatus.notReady(rows).limit(5).toList());
        return new Wait(false, ready, heapMax);
      }
      Thread.sleep(pollMillis);
      rows = ClusterStatus.read(driver);
    }
    return new Wait(true, expected, heapMax);
  }

  /**
   * The writes in a window of {@code seconds} after all were Ready, printing them by resource: a
   * converged operator sends none.
   */
  private static long steadyState(BulwarkOperator operator, KubernetesClient driver, int seconds)
      throws InterruptedException {
    long before = operator.writes().total();
    var byResourceBefore = operator.writes().byResource();
    Thread.sleep(seconds * 1000L);
    System.err.printf(
        "steady-state writes by resource: %s; not Ready at its end: %s%n",
        difference(operator.writes().byResource(), byResourceBefore),
        ClusterStatus.notReady(ClusterStatus.read(driver)).limit(5).toList());
    return operator.writes().total() - before;
  }

  /** What {@code after} counts beyond {@code before}, for the counts that changed. */
  private static java.util.Map<String, Long> difference(
      java.util.Map<String, Long> after, java.util.Map<String, Long> before) {
    java.util.Map<String, Long> grown = new java.util.TreeMap<>();
    after.forEach(
        (resource, count) -> {
          long more = count - before.getOrDefault(resource, 0L);
          if (more > 0) {
            grown.put(resource, more);
          }
        });
    return grown;
  }

  private static void report(
      int tenants,
      int apps,
      Duration converge,
      long writes,
      java.util.Map<String, Long> byResource,
      long heapPeak,
      long heapLive,
      int steadySeconds,
      long steadyWrites) {
    System.out.println("| measure | value |");
    System.out.println("|---|---|");
    System.out.printf("| resources | 1 Platform, %d Tenants, %d Applications |%n", tenants, apps);
    System.out.printf(
        "| time to all Ready (from the first create) | %.1f s |%n", converge.toMillis() / 1000.0);
    System.out.printf("| operator mutating requests until Ready | %d |%n", writes);
    System.out.printf("| of which | %s |%n", byResource);
    System.out.printf(
        "| heap used, highest sample every 250 ms (JVM: operator + load driver) | %d MiB |%n",
        heapPeak >> 20);
    System.out.printf("| heap live after GC | %d MiB |%n", heapLive >> 20);
    System.out.printf(
        "| steady state: writes in %d s after Ready | %d |%n", steadySeconds, steadyWrites);
  }

  private static Application application(String tenant, String name) {
    Application app = new Application();
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(tenant + "-dev").build());
    ApplicationSpec spec = new ApplicationSpec();
    spec.setTenant(tenant);
    // pinned by digest: the platform's admission policies refuse a tag alone in prod
    spec.setImage(
        "harbor.bench.example.com/" + tenant + "/" + name + ":1.0.0@" + SyntheticSpecs.DIGEST);
    ApplicationSpec.PortSpec port = new ApplicationSpec.PortSpec();
    port.setName("http");
    port.setPort(8080);
    spec.setPorts(new ArrayList<>(List.of(port)));
    ApplicationSpec.HostSpec host = new ApplicationSpec.HostSpec();
    host.setHost(name + "." + tenant + ".bench.example.com");
    host.setEnvironment("prod");
    spec.setHosts(new ArrayList<>(List.of(host)));
    app.setSpec(spec);
    return app;
  }

  /** An application as acme's checkout: built by the platform's Tekton, dev, stage and prod. */
  private static Application builtApplication(String tenant, String name) {
    Application app = application(tenant, name);
    ApplicationSpec spec = app.getSpec();
    List<ApplicationSpec.HostSpec> hosts = new ArrayList<>();
    List<ApplicationSpec.AppEnvironmentSpec> environments = new ArrayList<>();
    int replicas = 1;
    for (String environment : List.of("dev", "stage", "prod")) {
      ApplicationSpec.AppEnvironmentSpec env = new ApplicationSpec.AppEnvironmentSpec();
      env.setName(environment);
      env.setReplicas(replicas++);
      environments.add(env);
      ApplicationSpec.HostSpec host = new ApplicationSpec.HostSpec();
      host.setHost(name + "." + environment + "." + tenant + ".bench.example.com");
      host.setEnvironment(environment);
      hosts.add(host);
    }
    spec.setEnvironments(environments);
    spec.setHosts(hosts);
    BuildSpec build = new BuildSpec();
    build.setRepoURL("https://git.bench.example.com/" + tenant + "/" + name + ".git");
    build.setTestCommand("go test ./...");
    build.setTestImage("docker.io/library/golang:1.25");
    spec.setBuild(build);
    return app;
  }

  /**
   * With the platform's units on the class path (both shapes) the Platform renders its components'
   * objects (Tekton Pipelines, Certificates, Argo CD Applications...), which the API server accepts
   * only once their CRDs exist: every upstream CRD file of the shared data, as a cluster with the
   * components installed would serve them.
   */
  private static void installUpstreamCrds(CrdInstaller crds) throws java.io.IOException {
    Path dir =
        SharedData.resolve("crds")
            .orElseThrow(() -> new IllegalStateException("no shared data: the upstream CRDs"));
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files =
          walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      crds.installFile(file);
    }
  }
}
