package dev.bulwark.testkit.charts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a folder over HTTP on 127.0.0.1 and a free port, as a chart repository or mirror host
 * would (GET only; 404 for anything missing). Counts requests, so tests can tell a cache hit.
 */
public final class MirrorServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private MirrorServer(Path root) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Path base = root.toAbsolutePath().normalize();
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          Path file = base.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (!file.startsWith(base)
              || !Files.isRegularFile(file)
              || !"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Starts serving {@code root}. */
  public static MirrorServer serve(Path root) {
    try {
      return new MirrorServer(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a local HTTP server", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many requests it has answered. */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
