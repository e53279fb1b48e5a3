package dev.bulwark.platform.secrets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * External Secrets Operator's controller as a process against the test's API server, as its chart
 * runs it but without the reconcilers whose CRDs the chart's CRD set in {@code ../shared} lacks
 * (PushSecret, ClusterPushSecret, ClusterExternalSecret); metrics off. It logs to a file: ESO logs
 * errors, never secret values.
 */
final class ExternalSecretsProcess implements AutoCloseable {

  private final Process process;

  private ExternalSecretsProcess(Process process) {
    this.process = process;
  }

  static ExternalSecretsProcess start(Path binary, Path kubeconfig, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(),
                "--enable-cluster-external-secret-reconciler=false",
                "--enable-push-secret-reconciler=false",
                "--enable-cluster-push-secret-reconciler=false",
                "--metrics-addr=0",
                "--loglevel=info")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    return new ExternalSecretsProcess(builder.start());
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
