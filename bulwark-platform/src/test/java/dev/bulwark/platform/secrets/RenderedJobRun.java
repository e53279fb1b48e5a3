package dev.bulwark.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendered configuration Job's script with the real {@code sh} and the real {@code bao}, as
 * its Pod would: the ConfigMap's files in a directory standing in for {@code /config}, the Job's
 * environment as rendered, and only what a Pod provides replaced by its local equivalent: the
 * mounted paths, the projected ServiceAccount token, {@code KUBERNETES_SERVICE_HOST} and {@code
 * _PORT} (set by the kubelet in every Pod), and OpenBao's address (an in-cluster DNS name).
 */
final class RenderedJobRun {

  private RenderedJobRun() {}

  /** What the script printed (it prints no secret) and how it exited. */
  record Result(int exitCode, String output) {}

  /**
   * @param token the Job's ServiceAccount token, or null for a Job that runs without one
   * @param local the local values: BAO_ADDR, KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT
   */
  static Result run(
      DesiredState state, String name, Path dir, Path bao, String token, Map<String, String> local)
      throws IOException, InterruptedException {
    ConfigMap files = (ConfigMap) find(state, "ConfigMap", name);
    Container container =
        ((Job) find(state, "Job", name)).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand()).containsExactly("/bin/sh", "/config/apply.sh");
    Path config = Files.createDirectories(dir.resolve("config"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.deleteIfExists(bin.resolve("bao"));
    Files.createSymbolicLink(bin.resolve("bao"), bao);
    for (Map.Entry<String, String> file : files.getData().entrySet()) {
      Files.writeString(config.resolve(file.getKey()), file.getValue());
    }
    ProcessBuilder builder =
        new ProcessBuilder("sh", config.resolve("apply.sh").toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    env.put("CONFIG_DIR", config.toString());
    env.put("TMPDIR", tmp.toString());
    env.put("HOME", tmp.toString());
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    if (token != null) {
      assertThat(env).containsKey("SERVICE_ACCOUNT_TOKEN");
      Path tokenFile = dir.resolve("token");
      Files.writeString(tokenFile, token);
      env.put("SERVICE_ACCOUNT_TOKEN", tokenFile.toString());
    }
    assertThat(env).containsKey("BAO_ADDR");
    env.putAll(local);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish within 2 minutes");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static io.fabric8.kubernetes.api.model.HasMetadata find(
      DesiredState state, String kind, String name) {
    List<DesiredObject> found =
        state.objects().stream()
            .filter(o -> o.key().kind().equals(kind) && o.key().name().equals(name))
            .toList();
    assertThat(found).as("rendered " + kind + " " + name).hasSize(1);
    return found.get(0).object();
  }
}
