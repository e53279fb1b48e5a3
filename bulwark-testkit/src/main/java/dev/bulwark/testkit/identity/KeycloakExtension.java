package dev.bulwark.testkit.identity;

import dev.bulwark.testkit.Folders;
import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link RealKeycloak}: one Keycloak per JVM. */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KeycloakExtension.class);

  /** Development mode builds Keycloak on every start: minutes on a loaded two-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

  @Override
  public void beforeAll(ExtensionContext context) {
    Needed.require(Keycloak.locate().isPresent(), Keycloak.missingMessage());
    shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Keycloak.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context).keycloak;
  }

  private static Shared shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("keycloak", k -> Shared.start(Keycloak.locate()), Shared.class);
  }

  /** The JVM's Keycloak and the folder it runs from, removed after it stops. */
  record Shared(Keycloak keycloak, Path dir) implements AutoCloseable {

    static Shared start(Optional<Path> zip) {
      try {
        Path dir = Files.createTempDirectory("bulwark-keycloak-");
        return new Shared(Keycloak.start(zip.orElseThrow(), dir, START_TIMEOUT), dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Keycloak did not start", e);
      }
    }

    @Override
    public void close() throws IOException {
      keycloak.close();
      Folders.delete(dir);
    }
  }
}
