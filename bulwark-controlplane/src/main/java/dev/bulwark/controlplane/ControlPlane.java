package dev.bulwark.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real local control plane (etcd, kube-apiserver, kube-controller-manager) started and stopped
 * through {@code tools/control-plane.sh}, the same script a developer runs by hand. Used by the
 * real-API-server tests and by {@code bulwark demo}; it never downloads anything: the binaries come
 * from {@code tools/build-k8s-binaries.sh}.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Pattern K8S_VERSION =
      Pattern.compile(
          "(?m)^\\s*(?:require\\s+)?k8s\\.io/kubernetes\\s+v([0-9]+\\.[0-9]+\\.[0-9]+)");

  private final Path script;
  private final Path dir;
  private final Path kubeconfig;

  private ControlPlane(Path script, Path dir) {
    this.script = script;
    this.dir = dir;
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  /** Where the scripts and binaries are, or why a control plane cannot start here. */
  public record Setup(Path repo, Path script, Path binaries) {}

  /**
   * Finds the script and checks that the binaries are built.
   *
   * @param repo the repository root (which holds {@code tools/})
   * @return the setup, or the reason it is incomplete
   */
  public static Result<Setup> locate(Path repo) {
    String configured = System.getenv("BULWARK_K8S_BIN_DIR");
    return locate(
        repo,
        Optional.ofNullable(configured).map(Path::of),
        Path.of(System.getProperty("user.home")));
  }

  /**
   * {@link #locate(Path)} with the binaries folder and home given, so that tests need no
   * environment.
   */
  static Result<Setup> locate(Path repo, Optional<Path> configuredBinaries, Path home) {
    Path script = repo.resolve("tools/control-plane.sh");
    if (!Files.isRegularFile(script)) {
      return Result.missing("no " + script + ": not a Bulwark checkout");
    }
    Optional<String> version = k8sVersion(repo);
    if (version.isEmpty()) {
      return Result.missing(
          "cannot read the Kubernetes version from " + repo.resolve("tools/k8s/go.mod"));
    }
    Path bins =
        configuredBinaries.orElse(home.resolve(".cache/bulwark/k8s-bins").resolve(version.get()));
    List<String> missing = new ArrayList<>();
    for (String binary : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl")) {
      if (!Files.isExecutable(bins.resolve(binary))) {
        missing.add(binary);
      }
    }
    if (!missing.isEmpty()) {
      return Result.missing(
          "Kubernetes "
              + version.get()
              + " binaries "
              + missing
              + " not found in "
              + bins
              + "; build them with tools/build-k8s-binaries.sh (15-30 min cold)");
    }
    return Result.of(new Setup(repo, script, bins));
  }

  /** Starts a fresh control plane whose state lives in {@code dir} (wiped first). */
  public static ControlPlane start(Setup setup, Path dir, Duration timeout) throws IOException {
    return start(setup, dir, timeout, Map.of());
  }

  /**
   * {@link #start(Setup, Path, Duration)} with an API server that also authenticates bearer tokens
   * as {@code authenticationConfig} (an {@code AuthenticationConfiguration} file, the API server's
   * {@code --authentication-config}) says, e.g. an OIDC provider's ID tokens.
   */
  public static ControlPlane startWithAuthentication(
      Setup setup, Path dir, Duration timeout, Path authenticationConfig) throws IOException {
    return start(
        setup,
        dir,
        timeout,
        Map.of(
            "BULWARK_CP_AUTHENTICATION_CONFIG", authenticationConfig.toAbsolutePath().toString()));
  }

  /**
   * Starts a fresh control plane whose API server advertises {@code advertiseAddress} in the {@code
   * kubernetes} Service's endpoints (it still listens on 127.0.0.1 only): a node's pods reach it
   * there through the relay {@code tools/node.sh} starts on that address.
   */
  public static ControlPlane start(
      Setup setup, Path dir, Duration timeout, Optional<String> advertiseAddress)
      throws IOException {
    return start(
        setup,
        dir,
        timeout,
        advertiseAddress
            .map(address -> Map.of("BULWARK_CP_ADVERTISE_ADDRESS", address))
            .orElse(Map.of()));
  }

  private static ControlPlane start(
      Setup setup, Path dir, Duration timeout, Map<String, String> options) throws IOException {
    ControlPlane plane = new ControlPlane(setup.script(), dir.toAbsolutePath());
    plane.run(timeout, "start", options);
    if (!Files.isRegularFile(plane.kubeconfig)) {
      throw new IOException("control plane started but wrote no kubeconfig at " + plane.kubeconfig);
    }
    return plane;
  }

  /** The admin kubeconfig file (system:masters). */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public String kubeconfigYaml() throws IOException {
    return Files.readString(kubeconfig, StandardCharsets.UTF_8);
  }

  public Path dir() {
    return dir;
  }

  /** The command that stops this control plane, for messages to a user. */
  public String stopCommand() {
    return script + " stop --dir " + dir;
  }

  /**
   * Kills etcd and the API server without warning and starts them again on the same data, ports and
   * certificates: a crash of the control plane, for fault tests. Returns once {@code /readyz}
   * answers again.
   */
  public void crashAndRestart(Duration timeout) throws IOException {
    run(timeout, "restart", Map.of());
  }

  /** Stops the processes; the state folder stays until the next start. */
  @Override
  public void close() throws IOException {
    run(Duration.ofMinutes(2), "stop", Map.of());
  }

  private void run(Duration timeout, String command, Map<String, String> options)
      throws IOException {
    Map<String, String> env = new HashMap<>(options);
    env.put("BULWARK_CP_TIMEOUT", String.valueOf(Math.max(30, timeout.toSeconds())));
    ToolScript.run(script, command, dir, timeout, env);
  }

  private static Optional<String> k8sVersion(Path repo) {
    try {
      Matcher m = K8S_VERSION.matcher(Files.readString(repo.resolve("tools/k8s/go.mod")));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A value, or the reason there is none.
   *
   * @param value the value, if present
   * @param reason why it is missing, if it is
   */
  public record Result<T>(Optional<T> value, String reason) {
    static <T> Result<T> of(T value) {
      return new Result<>(Optional.of(value), "");
    }

    static <T> Result<T> missing(String reason) {
      return new Result<>(Optional.empty(), reason);
    }
  }
}
