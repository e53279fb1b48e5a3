package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.policy.engine.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS admission webhook: {@code POST /validate} takes AdmissionReview v1; {@code /healthz}
 * and {@code /readyz} answer probes; {@code /metrics} serves Prometheus text. Shutdown first
 * reports not-ready, then stops accepting and waits for requests in flight.
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  /** The API server sends at most about 3 MiB; anything far larger is not an admission request. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private final AdmissionHandler handler;
  private final WebhookConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private final Timer latency;

  /**
   * Counters by name and tags: registering (building and looking up a meter id) on every request
   * costs more than counting.
   */
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  /** Further paths and their responders, e.g. the image signature check (ADR 0040). */
  private final Map<String, AdmissionResponder> routes = new java.util.LinkedHashMap<>();

  private HttpsServer server;
  private ExecutorService executor;

  public WebhookServer(AdmissionHandler handler, WebhookConfig config) {
    this.handler = handler;
    this.config = config;
    this.latency =
        Timer.builder("bulwark_webhook_request_duration")
            .description("Time to answer an AdmissionReview")
            .publishPercentileHistogram()
            .register(metrics);
  }

  /** Serves {@code responder} at {@code path} too; call before {@link #start}. */
  public WebhookServer route(String path, AdmissionResponder responder) {
    routes.put(path, responder);
    return this;
  }

  /** Binds and starts serving; returns once the port is open. */
  public WebhookServer start(SSLContext tls) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/validate", ex -> validate(handler, ex));
    routes.forEach((path, responder) -> server.createContext(path, ex -> validate(responder, ex)));
    server.createContext("/healthz", ex -> text(ex, 200, "ok\n"));
    server.createContext(
        "/readyz",
        ex -> text(ex, ready.get() ? 200 : 503, ready.get() ? "ready\n" : "shutting down\n"));
    server.createContext("/metrics", ex -> text(ex, 200, metrics.scrape()));
    server.start();
    ready.set(true);
    LOG.info("admission webhook listening on https://{}:{}", config.bindAddress(), port());
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  private void validate(AdmissionResponder responder, HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        text(exchange, 405, "POST an AdmissionReview\n");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        count("rejected", false);
        text(exchange, 413, "request body larger than " + MAX_BODY + " bytes\n");
        return;
      }
      AdmissionHandler.Answer answer = responder.answer(body, json);
      if (answer.decision() == null) {
        count("rejected", false);
        text(exchange, 400, answer.badRequest() + "\n");
        return;
      }
      AdmissionHandler.Decision decision = answer.decision();
      record(decision);
      byte[] out = json.writeValueAsBytes(decision.review());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    } finally {
      latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Dry runs are counted apart and do not add to violation counters: they change nothing. */
  private void record(AdmissionHandler.Decision decision) {
    count(decision.allowed() ? "allowed" : "denied", decision.dryRun());
    if (decision.evaluationError()) {
      counter(
              List.of("bulwark_webhook_evaluation_errors"),
              () -> Counter.builder("bulwark_webhook_evaluation_errors"))
          .increment();
    }
    if (!decision.dryRun()) {
      for (Finding f : decision.findings()) {
        if (f.counts()) {
          counter(
                  List.of("bulwark_webhook_violations", f.policyId(), f.severity().label()),
                  () ->
                      Counter.builder("bulwark_webhook_violations")
                          .tag("policy", f.policyId())
                          .tag("severity", f.severity().label()))
              .increment();
        }
      }
    }
  }

  private void count(String result, boolean dryRun) {
    counter(
            List.of("bulwark_webhook_requests", result, String.valueOf(dryRun)),
            () ->
                Counter.builder("bulwark_webhook_requests")
                    .description("AdmissionReviews answered")
                    .tag("result", result)
                    .tag("dry_run", String.valueOf(dryRun)))
        .increment();
  }

  private Counter counter(List<String> key, Supplier<Counter.Builder> builder) {
    return counters.computeIfAbsent(key, k -> builder.get().register(metrics));
  }

  private static void text(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  /**
   * Reports not-ready, stops accepting, and waits up to the grace period for requests in flight.
   */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    ready.set(false);
    LOG.info(
        "admission webhook shutting down, waiting up to {} for requests in flight",
        config.gracePeriod());
    server.stop((int) Math.max(1, config.gracePeriod().toSeconds()));
    executor.shutdown();
    try {
      executor.awaitTermination(config.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }
}
