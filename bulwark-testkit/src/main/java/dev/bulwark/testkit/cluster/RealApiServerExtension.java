package dev.bulwark.testkit.cluster;

import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Folders;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link RealApiServer}: one control plane per JVM, stopped when the JVM's
 * tests end.
 */
public final class RealApiServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealApiServerExtension.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  @Override
  public void beforeAll(ExtensionContext context) {
    Shared shared = shared(context);
    requirePlane(
        shared.plane != null, shared.reason, context.getDisplayName(), System.getenv("CI"));
  }

  /**
   * Without a control plane a class is skipped, loudly; under {@code CI=true} it fails instead,
   * because a CI run that skips every real-API-server test would pass without testing them.
   */
  static void requirePlane(boolean present, String reason, String testClass, String ci) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(ci)) {
      throw new IllegalStateException(
          "CI=true, but " + testClass + " has no real kube-apiserver: " + reason);
    }
    // surefire does not print why a class was skipped; the build log should say it
    System.err.println("[RealApiServer] skipping " + testClass + ": " + reason);
    Assumptions.abort("skipped: no real kube-apiserver: " + reason);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == Config.class || type == ControlPlane.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared = shared(context);
    if (parameter.getParameter().getType() == Config.class) {
      return shared.config();
    }
    if (parameter.getParameter().getType() == ControlPlane.class) {
      return shared.plane;
    }
    // one client per test class, closed with it
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(
            "client",
            k ->
                new ClosingClient(
                    new KubernetesClientBuilder().withConfig(shared.config()).build()),
            ClosingClient.class)
        .client;
  }

  /** The JVM's control plane (started on first use), or null when it cannot start here. */
  static ControlPlane plane(ExtensionContext context) {
    return shared(context).plane;
  }

  private static Shared shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("plane", k -> Shared.start(), Shared.class);
  }

  /** The control plane of this JVM, or why there is none. */
  static final class Shared implements AutoCloseable {
    private final ControlPlane plane;
    private final String reason;
    private final Path dir;

    private Shared(ControlPlane plane, String reason, Path dir) {
      this.plane = plane;
      this.reason = reason;
      this.dir = dir;
    }

    static Shared start() {
      var located = ControlPlane.locate(SharedData.repoDir());
      if (located.value().isEmpty()) {
        return new Shared(null, located.reason(), null);
      }
      try {
        Path dir = Files.createTempDirectory("bulwark-apiserver-");
        // on a host that can run a node, the API server advertises the pods' gateway, where the
        // node relays it, so pods of a @RealNode class in this JVM reach it; it still listens on
        // 127.0.0.1 only, and the address was an unreachable placeholder before
        Optional<String> advertise =
            Node.locate(located.value().get()).value().map(node -> Node.POD_GATEWAY);
        return new Shared(
            ControlPlane.start(located.value().get(), dir, START_TIMEOUT, advertise), "", dir);
      } catch (IOException e) {
        throw new UncheckedIOException("the real control plane did not start", e);
      }
    }

    Config config() {
      try {
        return Config.fromKubeconfig(plane.kubeconfigYaml());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      if (plane == null) {
        return;
      }
      plane.close();
      Folders.delete(dir);
    }
  }

  private record ClosingClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
