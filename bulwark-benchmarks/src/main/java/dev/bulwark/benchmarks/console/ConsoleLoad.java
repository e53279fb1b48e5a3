package dev.bulwark.benchmarks.console;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.console.ConsoleConfig;
import dev.bulwark.console.ConsoleServer;
import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.operator.live.CrdInstaller;
import dev.bulwark.testkit.SpecObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The console's tenant page for a tenant with 100 applications, under {@code users} concurrent
 * logged-in users on loopback (closed loop: each user asks for the next page when the last one
 * came). Every request is a full page: the tenant, its quotas and Applications from the console's
 * informer caches, shown as far as the user's access reviews (asked of the API server, remembered
 * for seconds) allow, HTML rendered (ADR 0032, addendum).
 *
 * <p>Run: {@code bulwark-benchmarks/run.sh console [USERS] [REQUESTS_PER_USER] [APPS]}.
 */
public final class ConsoleLoad {

  private static final String TENANT = "bench";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ConsoleLoad() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int apps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    var setup = ControlPlane.locate(SharedData.repoDir());
    if (setup.value().isEmpty()) {
      System.err.println("no control plane: " + setup.reason());
      System.exit(3);
    }
    try (ControlPlane plane =
        ControlPlane.start(
            setup.value().get(),
            Files.createTempDirectory("bulwark-bench-"),
            Duration.ofMinutes(3))) {
      Config config = Config.fromKubeconfig(plane.kubeconfigYaml());
      try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(config).build()) {
        tenantWithApplications(admin, apps);
      }
      run(config, users, requests);
    }
  }

  private static void run(Config cluster, int users, int requests) throws Exception {
    MockOAuth2Server issuer = new MockOAuth2Server();
    issuer.start(InetAddress.getByName("127.0.0.1"), 0);
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    try (ConsoleServer console =
        ConsoleServer.start(
            ConsoleConfig.onLoopback(
                port, issuer.issuerUrl("bench").uri(), cluster, Optional.empty()))) {
      List<String> cookies = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        cookies.add(login(issuer, base, "user" + u));
      }
      String page = base + "/tenants/" + TENANT;
      long first = System.nanoTime();
      get(page, cookies.get(0));
      System.out.printf("first page: %.1f ms%n", (System.nanoTime() - first) / 1e6);
      for (int i = 0; i < 200; i++) {
        get(page, cookies.get(i % users));
      }
      long[] latencies = new long[users * requests];
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < users; u++) {
          int user = u;
          running.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < requests; r++) {
                      long t = System.nanoTime();
                      get(page, cookies.get(user));
                      latencies[user * requests + r] = System.nanoTime() - t;
                    }
                    return null;
                  }));
        }
        for (Future<?> f : running) {
          f.get();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      System.out.printf(
          "%d users x %d requests: %.0f req/s; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          users,
          requests,
          latencies.length / seconds,
          percentile(latencies, 50),
          percentile(latencies, 95),
          percentile(latencies, 99),
          latencies[latencies.length - 1] / 1e6);
    } finally {
      issuer.shutdown();
    }
  }

  private static double percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
  }

  private static String get(String url, String cookie) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("app99")) {
      throw new IllegalStateException(url + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** The authorization code flow by hand: the console, the issuer, back to the console. */
  private static String login(MockOAuth2Server issuer, String base, String user) throws Exception {
    issuer.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "bench",
            user,
            "JWT",
            List.of("bulwark-console"),
            Map.of("preferred_username", user, "groups", List.of(TENANT + "-developers")),
            3600));
    String location = base + "/login";
    for (int hop = 0; hop < 3; hop++) {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(location)).build(),
              HttpResponse.BodyHandlers.discarding());
      Optional<String> cookie = response.headers().firstValue("Set-Cookie");
      if (cookie.isPresent()) {
        return cookie.get().substring(0, cookie.get().indexOf(';'));
      }
      location = response.headers().firstValue("Location").orElseThrow();
    }
    throw new IllegalStateException("no session after logging in as " + user);
  }

  /** The tenant, its namespace, the developers' read rights there, and the applications. */
  private static void tenantWithApplications(KubernetesClient admin, int apps) {
    CrdInstaller crds = new CrdInstaller(admin);
    crds.awaitEstablished(crds.installBulwarkCrds());
    admin.resource(SpecObjects.tenant(TENANT, "dev")).serverSideApply();
    String ns = TENANT + "-dev";
    admin
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .serverSideApply();
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("bulwark-developer")
                .withNamespace(ns)
                .endMetadata()
                .addNewRule()
                .withApiGroups("bulwark.dev")
                .withResources("applications")
                .withVerbs("get", "list")
                .endRule()
                .addNewRule()
                .withApiGroups("")
                .withResources("resourcequotas")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .serverSideApply();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("bulwark-developer")
                .withNamespace(ns)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "bulwark-developer")
                .addNewSubject()
                .withKind("Group")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("oidc:" + TENANT + "-developers")
                .endSubject()
                .build())
        .serverSideApply();
    for (int a = 0; a < apps; a++) {
      Application app = new Application();
      app.setMetadata(new ObjectMetaBuilder().withName("app" + a).withNamespace(ns).build());
      ApplicationSpec spec = new ApplicationSpec();
      spec.setTenant(TENANT);
      spec.setImage("registry.bench.example.test/" + TENANT + "/app" + a + ":1.0.0");
      app.setSpec(spec);
      admin.resource(app).serverSideApply();
    }
  }
}
