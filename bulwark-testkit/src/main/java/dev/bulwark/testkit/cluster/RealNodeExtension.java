package dev.bulwark.testkit.cluster;

import dev.bulwark.controlplane.ControlPlane;
import dev.bulwark.controlplane.Node;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link RealNode}: one node per JVM, stopped before its control plane. */
public final class RealNodeExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealNodeExtension.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  @Override
  public void beforeAll(ExtensionContext context) {
    Shared shared = shared(context);
    Needed.require(
        shared.node != null, "a real node for " + context.getDisplayName() + ": " + shared.reason);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Node.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context).node;
  }

  private static Shared shared(ExtensionContext context) {
    ControlPlane plane = RealApiServerExtension.plane(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("node", k -> Shared.start(plane), Shared.class);
  }

  /** The node of this JVM, or why there is none; closed before the control plane it joined. */
  record Shared(Node node, String reason) implements AutoCloseable {
    static Shared start(ControlPlane plane) {
      if (plane == null) {
        return new Shared(null, "no control plane");
      }
      var located = ControlPlane.locate(SharedData.repoDir()).value().map(Node::locate);
      if (located.isEmpty() || located.get().value().isEmpty()) {
        return new Shared(
            null, located.map(ControlPlane.Result::reason).orElse("no control plane"));
      }
      try {
        return new Shared(Node.start(located.get().value().get(), plane, START_TIMEOUT), "");
      } catch (IOException e) {
        throw new UncheckedIOException("the real node did not start", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (node != null) {
        node.close();
      }
    }
  }
}
