package dev.bulwark.operator.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The promotion endpoint for external CI (ADR 0041), served over HTTPS beside the health server:
 * {@code POST /promotions/{tenant}/{application}} with {@code {"environment": ..., "digest":
 * "sha256:..."}} and a Kubernetes bearer token. Every answer is JSON with a {@code reason}: 202
 * done (promoted, requested or already there), 400 bad request, 401 token not accepted, 403 not
 * allowed to promote that application, 404 no such application, 409 refused by the promotion rules.
 */
public final class PromotionEndpoint implements AutoCloseable {

  static final String PREFIX = "/promotions/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final ExecutorService executor;

  private PromotionEndpoint(HttpsServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves on {@code port} (0 picks a free one) of {@code address} with the PEM certificate and
   * PKCS#8 key; callers are checked on {@code client}'s API server.
   */
  public static PromotionEndpoint start(
      InetSocketAddress address,
      Path certificate,
      Path privateKey,
      KubernetesClient client,
      Promotions promotions)
      throws IOException {
    SSLContext tls;
    try {
      tls = EndpointTls.server(certificate, privateKey);
    } catch (GeneralSecurityException e) {
      throw new IOException("the promotion endpoint's TLS: " + e.getMessage(), e);
    }
    HttpsServer server = HttpsServer.create(address, 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    PromotionHandler handler = new PromotionHandler(new Caller(client), promotions);
    server.createContext(PREFIX, exchange -> answer(exchange, handler.handle(exchange)));
    // two threads: a promotion waits seconds on Git, a second caller must not wait behind it
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bulwark-promotions");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new PromotionEndpoint(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (answer.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An HTTP status and the JSON object answered with it. */
  record Answer(int status, Map<String, Object> body) {

    static Answer refusal(int status, String reason) {
      return new Answer(status, Map.of("reason", reason));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
