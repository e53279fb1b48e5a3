package dev.bulwark.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operator's HTTP endpoints for the kubelet and Prometheus: {@code /healthz} (liveness), {@code
 * /readyz} (readiness) and {@code /metrics}. Plain JDK HTTP server: three tiny handlers do not
 * justify a web framework in the operator's image.
 */
public final class HealthServer implements AutoCloseable {

  /** A probe's answer: healthy or not, and a line saying why. */
  public record Probe(boolean ok, String detail) {}

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Serves the endpoints on {@code port} (0 picks a free one) on all interfaces. */
  public static HealthServer start(
      int port,
      Supplier<Probe> liveness,
      Supplier<Probe> readiness,
      PrometheusMeterRegistry metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/healthz", exchange -> probe(exchange, liveness.get()));
    server.createContext("/readyz", exchange -> probe(exchange, readiness.get()));
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bulwark-health");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange exchange, Probe probe) throws IOException {
    respond(
        exchange,
        probe.ok() ? 200 : 503,
        "text/plain; charset=utf-8",
        (probe.ok() ? "ok" : "not ok") + ": " + probe.detail() + "\n");
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
