package dev.bulwark.testkit.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * cert-manager's controllers ({@link Engine#CERT_MANAGER}) running as a process against an API
 * server, for as long as the test holds it. Its output goes to a log file, whose end {@link
 * #logTail()} gives for a failure message.
 *
 * <p>One replica without leader election; no webhook (its validation and defaulting are not needed
 * for objects that already pass the CRD schema) and no cainjector (nothing here has a CA bundle to
 * inject). The controllers run are the certificate, issuer and ClusterIssuer loops and the
 * CertificateRequest approver and signers for the CA and self-signed issuers.
 */
public final class CertManagerController implements AutoCloseable {

  private final Process process;
  private final Path log;
  // A JVM that ends without close() (a killed fork) must not leave the controllers retrying
  // against an API server that is gone.
  private final Thread onExit;

  private CertManagerController(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.onExit = new Thread(process::destroyForcibly, "stop-cert-manager");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts the controllers; a missing binary fails the test under {@code CI=true} and skips it
   * elsewhere ({@link Engine#require()}).
   *
   * @param kubeconfig the API server and a cluster-admin identity
   * @param clusterResourceNamespace where ClusterIssuers' Secrets (a CA's key pair) live
   * @param log file for the controllers' output
   */
  public static CertManagerController start(
      Path kubeconfig, String clusterResourceNamespace, Path log) {
    List<String> command =
        List.of(
            Engine.CERT_MANAGER.require().toString(),
            "--kubeconfig=" + kubeconfig,
            "--cluster-resource-namespace=" + clusterResourceNamespace,
            // a failed request is retried after seconds, not upstream's hour, within a test
            "--certificate-request-minimum-backoff-duration=5s");
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      return new CertManagerController(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Whether the process still runs (it exits at once on a bad flag or an unreachable server). */
  public boolean alive() {
    return process.isAlive();
  }

  /** The last lines of the controllers' output. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops the process: SIGTERM, then SIGKILL after 10 seconds. */
  @Override
  public void close() {
    Runtime.getRuntime().removeShutdownHook(onExit);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
