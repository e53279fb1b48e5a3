package dev.bulwark.benchmarks.policy;

import dev.bulwark.policy.webhook.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An open-loop (fixed-rate) load generator for the webhook, in the manner of wrk2: request i is
 * due at {@code start + i / rate}, and its latency is measured from when it was due, not from
 * when it was sent, so a stalled server is charged for the requests that queued behind the stall
 * (no coordinated omission). At most CONNECTIONS requests are in flight, over keep-alive HTTPS
 * connections. Bounded in time and count, and loopback only.
 *
 * <p>Usage: WebhookLoad CERT URL BODY_FILE RATE SECONDS CONNECTIONS (run WebhookServe first).
 */
public final class WebhookLoad {

  private static final int MAX_REQUESTS = 1_000_000;

  private WebhookLoad() {}

  public static void main(String[] args) throws Exception {
    Path cert = Path.of(args[0]);
    URI uri = URI.create(args[1]);
    byte[] body = Files.readAllBytes(Path.of(args[2]));
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int connections = Integer.parseInt(args[5]);
    if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
      throw new IllegalArgumentException("loopback only: " + uri);
    }
    int total = (int) Math.min(MAX_REQUESTS, (long) rate * seconds);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(cert))
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    // A short warm-up at the same rate fills the connection pool and lets both sides' JIT settle.
    run(client, request, rate, Math.min(total, rate * 5), connections);
    Result result = run(client, request, rate, total, connections);
    System.out.println(result.summary(rate, connections));
  }

  private static Result run(HttpClient client, HttpRequest request, int rate, int total, int connections)
      throws InterruptedException {
    long[] latencies = new long[total];
    Semaphore inFlight = new Semaphore(connections);
    CountDownLatch done = new CountDownLatch(total);
    AtomicInteger failures = new AtomicInteger();
    double period = 1e9 / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + (long) (i * period);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      int slot = i;
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        latencies[slot] = System.nanoTime() - due;
        if (error != null || response.statusCode() != 200) {
          failures.incrementAndGet();
        }
        inFlight.release();
        done.countDown();
      });
    }
    boolean finished = done.await(60, TimeUnit.SECONDS);
    long end = System.nanoTime();
    if (!finished) {
      // Requests still unanswered count at least as long as they have waited so far.
      for (int i = 0; i < total; i++) {
        if (latencies[i] == 0) {
          latencies[i] = end - (start + (long) (i * period));
        }
      }
    }
    double elapsed = (end - start) / 1e9;
    return new Result(latencies, failures.get() + (finished ? 0 : (int) done.getCount()), elapsed);
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    int i = 0;
    for (X509Certificate c : TlsContexts.certificates(cert)) {
      trust.setCertificateEntry("c" + i++, c);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private record Result(long[] latencies, int failures, double seconds) {
    String summary(int rate, int connections) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      return String.format(Locale.ROOT,
          "target %d req/s, %d connections: %d requests in %.1f s (%.0f req/s), %d failed; "
              + "latency from due time p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
          rate, connections, sorted.length, seconds, sorted.length / seconds, failures,
          ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
  }
}
