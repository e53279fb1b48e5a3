package dev.bulwark.policy.webhook;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bulwark's admission webhook as a process of its own, so that a test can kill it with SIGKILL as
 * the kernel or the kubelet would: no shutdown hook, no graceful close of its connections.
 *
 * <p>{@link #main} serves the restricted Pod Security controls on a given port of 127.0.0.1 with
 * the certificate in {@code tls.crt}/{@code tls.key} of a folder, and prints {@value #READY} once
 * it listens.
 */
final class WebhookProcess implements AutoCloseable {

  static final String READY = "BULWARK-WEBHOOK-READY";

  private final Process process;

  private WebhookProcess(Process process) {
    this.process = process;
  }

  /** Starts a webhook process and waits until it serves. */
  static WebhookProcess start(Path certificates, int port, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx256m"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(WebhookProcess.class.getName());
    command.add(certificates.toString());
    command.add(String.valueOf(port));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    WebhookProcess webhook = new WebhookProcess(process);
    webhook.awaitReady(timeout);
    return webhook;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    var reading =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith(READY)) {
                    return true;
                  }
                }
                return false;
              } catch (IOException e) {
                return false;
              }
            });
    try {
      if (!reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("the webhook process exited before serving");
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      close();
      throw new IOException("the webhook process did not serve within " + timeout, e);
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Arguments: the certificate folder and the port. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    WebhookConfig config =
        new WebhookConfig(
            "127.0.0.1",
            Integer.parseInt(args[1]),
            dir.resolve("tls.crt"),
            dir.resolve("tls.key"),
            "bulwark-system",
            WebhookConfig.FailurePolicy.FAIL,
            Duration.ofSeconds(1));
    PolicyEngine engine =
        PolicyEngine.create(
            PolicyLibrary.standard(), PolicyLibrary.Selection.PSS_RESTRICTED, Map.of());
    AdmissionHandler handler =
        new AdmissionHandler(
            engine,
            NamespaceLookup.fixed("restricted", "latest"),
            ExemptionFile.NONE,
            config.ownNamespace(),
            config.failurePolicy(),
            Clock.systemUTC());
    new WebhookServer(handler, config)
        .start(TlsContexts.server(config.certificate(), config.privateKey()));
    System.out.println(READY + " " + args[1]);
    Thread.currentThread().join(); // serves until killed
  }
}
