package dev.bulwark.testkit.engines;

import dev.bulwark.testkit.Needed;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Argo CD's application controller and repo server, with the Redis they share, running as processes
 * against an API server for as long as the test holds them. The one Argo CD binary ({@link
 * #ENGINE}, built by {@code tools/build-engines.sh argocd}) is each component by the name it is
 * given in {@code ARGOCD_BINARY_NAME}. Every port is a free one on 127.0.0.1, except the
 * controller's metrics port, which Argo CD binds on all interfaces and no flag changes.
 *
 * <p>No TLS between the controller and the repo server, no GnuPG (commit signatures are not
 * verified), no API server, Dex or ApplicationSet controller: what syncs Applications whose source
 * is a Git directory. The Argo CD namespace must hold {@code argocd-cm} and {@code argocd-secret}
 * before {@link #start} (the controller reads its settings from them).
 */
public final class ArgoCd implements AutoCloseable {

  /** Argo CD v3, the release pinned in {@code tools/engines/argocd/go.mod}. */
  public static final Engine ENGINE =
      new Engine("argocd", "ARGOCD", "github.com/argoproj/argo-cd/v3");

  private static final Duration LISTENING = Duration.ofMinutes(2);

  private final List<Component> components = new ArrayList<>();
  private final Thread onExit = new Thread(this::stopAll, "stop-argo-cd");

  private record Component(String name, Process process, Path log) {}

  private ArgoCd() {
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts Redis, the repo server and the application controller, each logging to {@code
   * <name>.log} in {@code logs}; a missing binary or redis-server fails the test under {@code
   * CI=true} and skips it elsewhere.
   *
   * @param kubeconfig the API server and a cluster-admin identity
   * @param namespace Argo CD's namespace: its settings and the Applications it reconciles
   * @param work a directory for the repo server's clones and Git's home
   */
  public static ArgoCd start(Path kubeconfig, String namespace, Path work, Path logs) {
    Path binary = requireInputs();
    Path redis = onPath("redis-server");
    ArgoCd argo = new ArgoCd();
    try {
      Files.createDirectories(work);
      Files.createDirectories(logs);
      int redisPort = freePort();
      argo.launch(
          "redis",
          List.of(
              redis.toString(),
              "--bind",
              "127.0.0.1",
              "--port",
              Integer.toString(redisPort),
              "--save",
              "",
              "--appendonly",
              "no"),
          Map.of(),
          logs);
      argo.awaitListening("redis", redisPort);
      String redisAddress = "127.0.0.1:" + redisPort;
      int repoPort = freePort();
      Map<String, String> env =
          Map.of(
              // GnuPG would want its key ring under /app/config; nothing here is signed
              "ARGOCD_GPG_ENABLED", "false",
              "TMPDIR", work.toString(),
              "HOME", work.toString());
      argo.launch(
          "argocd-repo-server",
          List.of(
              binary.toString(),
              "--address",
              "127.0.0.1",
              "--port",
              Integer.toString(repoPort),
              "--metrics-address",
              "127.0.0.1",
              "--metrics-port",
              Integer.toString(freePort()),
              "--disable-tls",
              // a branch's commit is looked up again after seconds, as the controller's resync
              "--revision-cache-expiration",
              "10s",
              "--redis",
              redisAddress,
              "--logformat",
              "text"),
          env,
          logs);
      argo.awaitListening("argocd-repo-server", repoPort);
      argo.launch(
          "argocd-application-controller",
          List.of(
              binary.toString(),
              "--kubeconfig",
              kubeconfig.toString(),
              "--namespace",
              namespace,
              "--repo-server",
              "127.0.0.1:" + repoPort,
              "--repo-server-plaintext",
              "--redis",
              redisAddress,
              "--metrics-port",
              Integer.toString(freePort()),
              // a test waits seconds for a new commit, not upstream's three minutes
              "--app-resync",
              "10",
              "--logformat",
              "text"),
          controllerEnv(env, kubeconfig),
          logs);
      return argo;
    } catch (IOException | RuntimeException e) {
      argo.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * What Argo CD needs besides the API server: its binary, redis-server and git (the repo server
   * clones with it); a missing one fails the test under {@code CI=true} and skips it elsewhere.
   *
   * @return the Argo CD binary
   */
  public static Path requireInputs() {
    Path binary = ENGINE.require();
    Needed.require(
        onPath("redis-server") != null,
        "redis-server (Argo CD's cache; Debian package redis-server) is not on the PATH");
    Needed.require(
        onPath("git") != null, "git (Argo CD's repo server clones with it) is not on the PATH");
    return binary;
  }

  /**
   * The in-cluster destination ({@code https://kubernetes.default.svc}) is reached with a pod's
   * service account, which a process here lacks; Argo CD's own switch for running outside the
   * cluster makes it use the kubeconfig instead.
   */
  private static Map<String, String> controllerEnv(Map<String, String> env, Path kubeconfig) {
    Map<String, String> controller = new HashMap<>(env);
    controller.put("ARGOCD_FAKE_IN_CLUSTER", "true");
    controller.put("KUBECONFIG", kubeconfig.toString());
    return controller;
  }

  /** Whether every component still runs (one exits at once on a bad flag or setting). */
  public boolean alive() {
    return components.stream().allMatch(c -> c.process().isAlive());
  }

  /** The last lines each component printed, for a failure message. */
  public String logTails() {
    StringBuilder out = new StringBuilder();
    for (Component c : components) {
      out.append("--- ").append(c.name()).append(c.process().isAlive() ? "" : " (exited)");
      out.append('\n').append(tail(c.log())).append('\n');
    }
    return out.toString();
  }

  /** Stops the controller, the repo server and Redis: SIGTERM, then SIGKILL after 10 seconds. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs already
    }
    stopAll();
  }

  private void stopAll() {
    for (Component c : components.reversed()) {
      c.process().destroy();
      try {
        if (!c.process().waitFor(10, TimeUnit.SECONDS)) {
          c.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        c.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void launch(String name, List<String> command, Map<String, String> env, Path logs)
      throws IOException {
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("ARGOCD_BINARY_NAME", name);
    Process process = builder.start();
    process.getOutputStream().close();
    components.add(new Component(name, process, log));
  }

  private void awaitListening(String name, int port) {
    Instant deadline = Instant.now().plus(LISTENING);
    while (Instant.now().isBefore(deadline)) {
      if (!alive()) {
        throw new IllegalStateException(name + " exited at start:\n" + logTails());
      }
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        sleep();
      }
    }
    throw new IllegalStateException(
        name
            + " does not listen on 127.0.0.1:"
            + port
            + " after "
            + LISTENING
            + ":\n"
            + logTails());
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
