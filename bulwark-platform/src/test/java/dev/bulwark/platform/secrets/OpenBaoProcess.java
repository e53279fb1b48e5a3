package dev.bulwark.platform.secrets;

import dev.bulwark.testkit.Needed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenBao server as a process on 127.0.0.1, configured as {@link OpenBaoServer} configures
 * it in the cluster: Raft storage and the static auto-unseal key (a fresh random key, in a file of
 * this test's directory), so that the rendered initialisation script finds it uninitialised and
 * initialises it. Not {@code bao server -dev}: a dev server is initialised already, with a root
 * token, and the initialisation script would have nothing to do.
 *
 * <p>In a Pod, OpenBao's Kubernetes auth reads its own ServiceAccount token and the cluster's CA
 * from {@code /var/run/secrets/kubernetes.io/serviceaccount/} and sends TokenReviews with them. The
 * process gets the same files in a private mount namespace ({@code unshare -m}, a tmpfs over {@code
 * /run}), so nothing on the machine changes.
 */
final class OpenBaoProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String POD_FILES =
      "mount -t tmpfs tmpfs /run && d=/run/secrets/kubernetes.io/serviceaccount"
          + " && mkdir -p \"$d\" && cp \"$2\"/token \"$2\"/ca.crt \"$d\"/"
          + " && exec \"$0\" server -config=\"$1\"";

  private final Process process;
  private final String address;

  private OpenBaoProcess(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  /** Skips (or fails under CI) where a private mount namespace cannot be made. */
  static void requireUnshare() {
    boolean works;
    try {
      Process probe =
          new ProcessBuilder("unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs /run")
              .redirectErrorStream(true)
              .start();
      probe.getInputStream().readAllBytes();
      works = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      works = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      works = false;
    }
    Needed.require(
        works,
        "a private mount namespace (`unshare -m` as root, util-linux) to give OpenBao the files a"
            + " Pod has");
  }

  /**
   * Starts {@code bao server} in {@code dir}.
   *
   * @param reviewerToken the token of OpenBao's own ServiceAccount (TokenReview needs it)
   * @param caCert the API server's CA, PEM
   */
  static OpenBaoProcess start(Path bao, Path dir, String reviewerToken, String caCert)
      throws IOException {
    Path pod = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(pod.resolve("token"), reviewerToken);
    Files.writeString(pod.resolve("ca.crt"), caCert);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.write(dir.resolve("unseal.key"), key);
    int port = freePort();
    String address = "http://127.0.0.1:" + port;
    Path config = dir.resolve("server.hcl");
    Files.writeString(config, config(dir, port, freePort()));
    Process process =
        new ProcessBuilder(
                "unshare",
                "-m",
                "sh",
                "-c",
                POD_FILES,
                bao.toString(),
                config.toString(),
                pod.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    OpenBaoProcess server = new OpenBaoProcess(process, address);
    server.awaitListening(dir);
    return server;
  }

  /** The server's configuration: as rendered, but one node on loopback and its key in a file. */
  private static String config(Path dir, int port, int clusterPort) {
    return String.join(
        "\n",
        "disable_mlock = true",
        "api_addr = \"http://127.0.0.1:" + port + "\"",
        "cluster_addr = \"http://127.0.0.1:" + clusterPort + "\"",
        "listener \"tcp\" {",
        "  tls_disable = 1",
        "  address = \"127.0.0.1:" + port + "\"",
        "  cluster_address = \"127.0.0.1:" + clusterPort + "\"",
        "}",
        "storage \"raft\" {",
        "  path = \"" + dir + "\"",
        "  node_id = \"openbao-0\"",
        "}",
        "seal \"static\" {",
        "  current_key_id = \"bulwark-1\"",
        "  current_key = \"file://" + dir.resolve("unseal.key") + "\"",
        "}",
        "");
  }

  private void awaitListening(Path dir) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "bao server exited: " + Files.readString(dir.resolve("server.log")));
      }
      try {
        // any answer will do: an uninitialised server answers 501
        http.send(
            HttpRequest.newBuilder(URI.create(address + "/v1/sys/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("bao server did not listen within " + START_TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's address, for {@code BAO_ADDR} and the stores' {@code server}. */
  String address() {
    return address;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
