package dev.bulwark.platform.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every script a configuration Job runs passes shellcheck, as the POSIX shell the Job starts it
 * with ({@code /bin/sh}, see {@link ConfigJob}).
 */
class ScriptLintTest {

  @Test
  void everyScriptIsShellcheckClean() throws IOException, InterruptedException {
    Path shellcheck = Tools.require("shellcheck", "apt-get install shellcheck");
    List<Path> scripts = scripts();
    assertThat(scripts).as("scripts under dev/bulwark/platform").hasSizeGreaterThanOrEqualTo(5);
    List<String> command =
        new ArrayList<>(
            List.of(shellcheck.toString(), "--shell=sh", "--severity=style", "--format=gcc"));
    scripts.forEach(script -> command.add(script.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("shellcheck findings:%n%s", output).isZero();
  }

  /** The scripts as packaged: the resource folder the units load them from. */
  static List<Path> scripts() throws IOException {
    Path root;
    try {
      // The main classes' root, not the first dev/bulwark/platform on the class path (the tests').
      root =
          Path.of(Scripts.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .resolve("dev/bulwark/platform");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
    }
  }
}
