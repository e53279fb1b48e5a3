package dev.bulwark.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the helm binary that {@code tools/install-helm.sh} builds from its Go module: the demo
 * templates charts with it to obtain the components' CRDs, and tests template charts with it.
 */
public final class HelmBinary {

  private HelmBinary() {}

  /**
   * {@code BULWARK_HELM}, else the newest build in {@code ~/.cache/bulwark/helm/*}, else {@code
   * helm} on the PATH.
   */
  public static Optional<Path> locate() {
    String configured = System.getenv("BULWARK_HELM");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Optional.of(Path.of(configured));
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache/bulwark/helm");
    if (Files.isDirectory(cache)) {
      try (Stream<Path> versions = Files.list(cache)) {
        Optional<Path> found =
            versions
                .map(v -> v.resolve("helm"))
                .filter(Files::isExecutable)
                .sorted()
                .reduce((a, b) -> b);
        if (found.isPresent()) {
          return found;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the helm builds in " + cache, e);
      }
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(d -> Path.of(d, "helm"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
