package dev.bulwark.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read-only shared folder beside the repository ({@code ../shared}): upstream CRDs and
 * Kubernetes' OpenAPI schema, used as test data. Tests that need it skip cleanly without it.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * The shared folder, from {@code -Dbulwark.shared.dir}, {@code BULWARK_SHARED_DIR}, or {@code
   * ../shared}.
   */
  public static Optional<Path> dir() {
    String configured =
        System.getProperty("bulwark.shared.dir", System.getenv("BULWARK_SHARED_DIR"));
    Path dir = configured != null ? Path.of(configured) : repoDir().resolve("../shared");
    return Files.isDirectory(dir) ? Optional.of(dir.normalize()) : Optional.empty();
  }

  /** A file or folder inside the shared folder, if present. */
  public static Optional<Path> resolve(String relative) {
    return dir().map(d -> d.resolve(relative)).filter(Files::exists);
  }

  /**
   * The repository root: {@code -Dbulwark.repo.dir}, or the nearest ancestor holding {@code mvnw}.
   */
  public static Path repoDir() {
    String configured = System.getProperty("bulwark.repo.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }
}
