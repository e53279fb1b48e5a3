package dev.bulwark.operator;

import dev.bulwark.operator.runtime.BulwarkOperator;
import dev.bulwark.operator.runtime.OperatorSettings;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.client.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The operator as a process of its own, started from the test's class path with {@code java -cp},
 * so that a test can kill it the way the kubelet or the kernel does: {@link #kill()} is {@code
 * SIGKILL} on Linux ({@link Process#destroyForcibly()}), with no shutdown hook, no closing of
 * informers and no last write.
 *
 * <p>{@link #main} is the process's entry point: it loads the operator's classes, waits for a line
 * on standard input ({@link #go()}), starts {@link BulwarkOperator} on a kubeconfig file, prints
 * {@value #READY} on standard output once started, and runs until killed. Starting a process ahead
 * and letting it go later keeps the JVM's start out of a fault test's time.
 */
public final class OperatorProcess implements AutoCloseable {

  static final String READY = "BULWARK-OPERATOR-READY";

  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);

  private OperatorProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith(READY)) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the process was killed: its output ends, nothing to read
              }
            },
            "operator-process-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts an operator process on {@code kubeconfig} named {@code identity}; with a lease
   * (namespace and name) it runs with leader election. Its log goes to {@code log}.
   */
  static OperatorProcess start(Path kubeconfig, String identity, Path log, String... lease)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a quick start matters more than peak speed: a fault test starts dozens of these
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(OperatorProcess.class.getName());
    command.add(kubeconfig.toString());
    command.add(identity);
    command.addAll(List.of(lease));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new OperatorProcess(process);
  }

  /** Lets a process started ahead start its operator. */
  void go() throws IOException {
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
  }

  /** Waits until the operator has started (informers synced, or waiting for the lease). */
  void awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      boolean alive = process.isAlive();
      kill();
      throw new IllegalStateException(
          "the operator process did not start within "
              + timeout
              + (alive ? "" : " (it exited with " + process.exitValue() + ")"));
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** Arguments: kubeconfig file, identity, and optionally the Lease's namespace and name. */
  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    Renderer.standard(); // loads the renderer's classes while the process waits
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    OperatorSettings settings = OperatorSettings.local(args[1]);
    if (args.length == 4) {
      settings = settings.withLeaderElection(args[2], args[3], false);
    }
    BulwarkOperator.start(config, settings); // runs until the process is killed
    System.out.println(READY + " " + args[1]);
    System.out.flush();
    Thread.currentThread().join();
  }
}
