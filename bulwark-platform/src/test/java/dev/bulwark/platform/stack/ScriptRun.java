package dev.bulwark.platform.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a configuration Job's script, exactly as packaged, with the real POSIX {@code sh} and real
 * core utilities, against fakes of the service clients it calls ({@code bao}, {@code curl}, {@code
 * helm}, and {@code sleep} so that waits take no time). The fakes record every call and answer by
 * rules; the working directory stands in for the Job's volumes, so a second {@link #run()} sees
 * what the first left, as a re-run Job would see the service's state.
 */
public final class ScriptRun {

  private final String script;
  private final Path dir;
  private final Map<String, String> env = new TreeMap<>();
  private long timeoutSeconds = 60;

  /** The result of one run: exit code, output, and the faked commands' calls, in order. */
  public record Result(int exitCode, String stdout, String stderr, List<String> calls) {}

  /**
   * @param owner the class that loads the script (its package names the resource folder)
   * @param name the script's file name
   * @param dir an empty working directory, for example a JUnit {@code @TempDir}
   */
  public ScriptRun(Class<?> owner, String name, Path dir, String... fakes) {
    this.script = Scripts.load(owner, name);
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("config"));
      Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(dir.resolve("bin"));
      Files.writeString(dir.resolve("rules"), "");
      Files.writeString(dir.resolve("calls.log"), "");
      Files.writeString(dir.resolve("token"), "service-account-jwt");
      byte[] fake;
      try (InputStream in = ScriptRun.class.getResourceAsStream("fake-command.sh")) {
        fake = in.readAllBytes();
      }
      for (String command : fakes) {
        Path bin = dir.resolve("bin").resolve(command);
        Files.write(bin, fake);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("CONFIG_DIR", dir.resolve("config").toString());
    env.put("TMPDIR", dir.resolve("tmp").toString());
    env.put("SERVICE_ACCOUNT_TOKEN", dir.resolve("token").toString());
    env.put("FAKE_DIR", dir.toString());
    env.put("PATH", dir.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
  }

  /** A file of the Job's ConfigMap. */
  public ScriptRun file(String name, String content) {
    write(dir.resolve("config").resolve(name), content, false);
    return this;
  }

  public ScriptRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * The fakes answer calls matching {@code glob} (over "name arguments") with {@code stdout} and
   * {@code exitCode}.
   */
  public ScriptRun always(String glob, int exitCode, String stdout) {
    return rule("always", glob, exitCode, stdout);
  }

  /** As {@link #always}, for the first matching call only. */
  public ScriptRun once(String glob, int exitCode, String stdout) {
    return rule("once", glob, exitCode, stdout);
  }

  /** Forgets the rules and calls so far; the files the script wrote stay. */
  public ScriptRun reset() {
    write(dir.resolve("rules"), "", false);
    write(dir.resolve("calls.log"), "", false);
    return this;
  }

  /** How long the script may run; 60 s unless a test says otherwise (an image build, say). */
  public ScriptRun timeout(long seconds) {
    this.timeoutSeconds = seconds;
    return this;
  }

  public Path tmp() {
    return dir.resolve("tmp");
  }

  public Path config() {
    return dir.resolve("config");
  }

  public Result run() {
    Tools.require("sh", "a POSIX shell");
    try {
      Path scriptFile = dir.resolve("apply.sh");
      Files.writeString(scriptFile, script);
      ProcessBuilder builder =
          new ProcessBuilder("sh", scriptFile.toString())
              .redirectOutput(dir.resolve("stdout").toFile())
              .redirectError(dir.resolve("stderr").toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the script did not finish within "
                + timeoutSeconds
                + " s; calls:\n"
                + Files.readString(dir.resolve("calls.log")));
      }
      List<String> calls = new ArrayList<>(Files.readAllLines(dir.resolve("calls.log")));
      Files.writeString(dir.resolve("calls.log"), "");
      return new Result(
          process.exitValue(),
          Files.readString(dir.resolve("stdout")),
          Files.readString(dir.resolve("stderr")),
          calls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ScriptRun rule(String mode, String glob, int exitCode, String stdout) {
    if ((glob + stdout).contains("\t") || (glob + stdout).contains("\n")) {
      throw new IllegalArgumentException(
          "a rule is one line without tabs; write \\n for a newline in stdout");
    }
    write(dir.resolve("rules"), mode + "\t" + glob + "\t" + exitCode + "\t" + stdout + "\n", true);
    return this;
  }

  private static void write(Path file, String content, boolean append) {
    try {
      Files.writeString(
          file,
          content,
          StandardCharsets.UTF_8,
          append
              ? new StandardOpenOption[] {StandardOpenOption.APPEND}
              : new StandardOpenOption[] {
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
