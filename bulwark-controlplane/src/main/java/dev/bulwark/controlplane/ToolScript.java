package dev.bulwark.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the checkout's {@code tools/*.sh} scripts with {@code COMMAND --dir DIR}, its output
 * kept in a log file that is deleted on success and quoted (last lines) in the error otherwise.
 */
final class ToolScript {

  private ToolScript() {}

  static void run(Path script, String command, Path dir, Duration timeout, Map<String, String> env)
      throws IOException {
    String name = script.getFileName().toString();
    Path log = Files.createTempFile("bulwark-" + name + "-" + command, ".log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString(), command, "--dir", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    env.forEach(builder.environment()::putIfAbsent);
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
        process.destroy();
        throw new IOException(
            "tools/" + name + " " + command + " did not finish in " + timeout + "; log: " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new IOException("interrupted while running tools/" + name + " " + command, e);
    }
    if (process.exitValue() != 0) {
      String output = Files.readString(log, StandardCharsets.UTF_8);
      throw new IOException(
          "tools/"
              + name
              + " "
              + command
              + " failed (exit "
              + process.exitValue()
              + "):\n"
              + tail(output));
    }
    Files.deleteIfExists(log);
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join(
        "\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
  }
}
