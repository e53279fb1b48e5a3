package dev.bulwark.platform.stack;

import dev.bulwark.testkit.Needed;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Command-line tools the script tests run for real, found on PATH. */
public final class Tools {

  private Tools() {}

  /**
   * The executable {@code name} from PATH. Without it the calling test fails under {@code CI=true}
   * and is otherwise skipped with a message on stderr saying what to install.
   */
  public static Path require(String name, String install) {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      Needed.require(
          false, name + " is not on PATH; install it (" + install + ") to run this test");
    }
    return found.get();
  }
}
