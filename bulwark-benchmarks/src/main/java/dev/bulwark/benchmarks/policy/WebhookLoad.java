package dev.bulwark.benchmarks.policy;

import dev.bulwark.policy.webhook.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * An open-loop (fixed-rate) load generator for the webhook, in the manner of wrk2, cheap enough to
 * share two cores with the server. Request i is due at {@code start + i / rate} and goes to
 * connection {@code i mod CONNECTIONS}; each connection is one keep-alive {@link SSLSocket} owned
 * by one thread that sends its requests one after another, each at its due time or as soon as the
 * previous answer arrives if that is later. Latency is counted from the due time, so a stall is
 * charged to every request queued behind it (no coordinated omission). The request bytes are
 * serialized once; a response is parsed only as far as its status line, its headers and a
 * Content-Length body, and a status other than 200 or a body without {@code "allowed"} fails the
 * run. Bounded in count ({@value #MAX_REQUESTS}) and loopback only.
 *
 * <p>Usage: WebhookLoad CERT URL BODY_FILE RATE SECONDS [CONNECTIONS=200] [WARMUP_SECONDS=5] (run
 * WebhookServe first). Prints percentiles from the due time, the achieved rate, failures, and the
 * generator's own process CPU time per request.
 */
public final class WebhookLoad {

  private static final int MAX_REQUESTS = 1_000_000;
  private static final byte[] ALLOWED = "\"allowed\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Which threads own the connections: platform threads by default, because they cost half the CPU
   * per request of virtual threads (whose timed parks and socket reads go through a scheduler and a
   * poller); {@code -Dthreads=virtual} to compare.
   */
  private static final Thread.Builder THREADS =
      "virtual".equals(System.getProperty("threads"))
          ? Thread.ofVirtual()
          : Thread.ofPlatform().daemon();

  private WebhookLoad() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[1]);
    byte[] body = Files.readAllBytes(Path.of(args[2]));
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int connections = args.length > 5 ? Integer.parseInt(args[5]) : 200;
    int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;
    if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
      throw new IllegalArgumentException("loopback only: " + uri);
    }
    if (rate <= 0 || connections <= 0 || seconds <= 0) {
      throw new IllegalArgumentException("RATE, SECONDS and CONNECTIONS must be positive");
    }
    byte[] request = request(uri, body);
    SSLContext tls = trusting(Path.of(args[0]));
    List<Connection> open = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      open.add(Connection.open(tls, uri.getHost(), uri.getPort()));
    }
    try {
      // The warm-up runs at the same rate on the same connections so both sides' JIT has settled.
      if (warmup > 0) {
        run(open, request, rate, bounded(rate, warmup));
      }
      long cpuBefore = processCpuNanos();
      Result result = run(open, request, rate, bounded(rate, seconds));
      long cpu = processCpuNanos() - cpuBefore;
      System.out.println(result.summary(rate, connections, cpu));
      if (result.failures() > 0) {
        System.exit(1);
      }
    } finally {
      for (Connection connection : open) {
        connection.close();
      }
    }
  }

  private static int bounded(int rate, int seconds) {
    return (int) Math.min(MAX_REQUESTS, (long) rate * seconds);
  }

  static byte[] request(URI uri, byte[] body) {
    String head =
        "POST "
            + uri.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /**
   * Sends {@code total} requests at {@code rate}, round-robin over the connections, one thread
   * each.
   */
  private static Result run(List<Connection> connections, byte[] request, int rate, int total)
      throws InterruptedException {
    int n = connections.size();
    Histogram[] histograms = new Histogram[n];
    int[] failures = new int[n];
    AtomicReference<String> firstFailure = new AtomicReference<>();
    double period = 1e9 / rate;
    long start = System.nanoTime() + 10_000_000; // 10 ms for the threads to start
    Thread[] threads = new Thread[n];
    for (int c = 0; c < n; c++) {
      int slot = c;
      histograms[c] = new Histogram();
      threads[c] =
          THREADS.start(
              () -> {
                Connection connection = connections.get(slot);
                for (int i = slot; i < total && firstFailure.get() == null; i += n) {
                  long due = start + (long) (i * period);
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  String failure = connection.exchange(request);
                  histograms[slot].record(System.nanoTime() - due);
                  if (failure != null) {
                    failures[slot]++;
                    firstFailure.compareAndSet(null, failure);
                  }
                }
              });
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Histogram all = new Histogram();
    for (Histogram histogram : histograms) {
      all.add(histogram);
    }
    return new Result(all, Arrays.stream(failures).sum(), firstFailure.get(), elapsed);
  }

  private static long processCpuNanos() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime();
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    int i = 0;
    for (X509Certificate c : TlsContexts.certificates(cert)) {
      trust.setCertificateEntry("c" + i++, c);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private record Result(Histogram latencies, int failures, String firstFailure, double seconds) {
    String summary(int rate, int connections, long cpuNanos) {
      long count = latencies.count();
      return String.format(
          Locale.ROOT,
          "target %d req/s, %d connections: %d requests in %.1f s (%.0f req/s), %d failed%s; "
              + "latency from due time p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; "
              + "generator CPU %.1f us/request",
          rate,
          connections,
          count,
          seconds,
          count / seconds,
          failures,
          firstFailure == null ? "" : " (first: " + firstFailure + ")",
          latencies.percentile(0.50) / 1e6,
          latencies.percentile(0.90) / 1e6,
          latencies.percentile(0.99) / 1e6,
          latencies.percentile(0.999) / 1e6,
          latencies.max() / 1e6,
          cpuNanos / 1e3 / count);
    }
  }

  /**
   * A log-bucketed histogram of nanoseconds with 64 sub-buckets per power of two (at most 1.6%
   * relative error), so a thread records without allocating or sharing. HdrHistogram would do, but
   * it is not a dependency of this module.
   */
  static final class Histogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private final long[] counts = new long[SUB + (63 - SUB_BITS) * SUB];
    private long count;
    private long max;

    void record(long nanos) {
      long value = Math.max(0, nanos);
      counts[index(value)]++;
      count++;
      max = Math.max(max, value);
    }

    static int index(long value) {
      if (value < SUB) {
        return (int) value;
      }
      int exponent = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
      int shift = exponent - SUB_BITS;
      return SUB + shift * SUB + (int) ((value >>> shift) - SUB);
    }

    /** The highest value that falls into the bucket, as HdrHistogram reports percentiles. */
    static long highest(int index) {
      if (index < SUB) {
        return index;
      }
      int shift = (index - SUB) / SUB;
      long mantissa = SUB + (index - SUB) % SUB;
      return ((mantissa + 1) << shift) - 1;
    }

    void add(Histogram other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
      }
      count += other.count;
      max = Math.max(max, other.max);
    }

    long count() {
      return count;
    }

    long max() {
      return max;
    }

    long percentile(double quantile) {
      long rank = Math.max(1, (long) Math.ceil(quantile * count));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Math.min(highest(i), max);
        }
      }
      return max;
    }
  }

  /** One keep-alive TLS connection with its own read buffer; used by one thread at a time. */
  static final class Connection implements AutoCloseable {
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    private Connection(SSLSocket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    static Connection open(SSLContext tls, String host, int port) throws IOException {
      SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      return new Connection(socket);
    }

    /**
     * Sends the request and reads one response; returns null if it is a 200 with "allowed", else
     * why not.
     */
    String exchange(byte[] request) {
      try {
        out.write(request);
        out.flush();
        return readResponse();
      } catch (IOException e) {
        return "I/O error: " + e;
      }
    }

    private String readResponse() throws IOException {
      // Each response starts at the front of the buffer, so offsets stay valid while fill()
      // appends.
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
      int headerEnd;
      while ((headerEnd = indexOf(CRLFCRLF, position)) < 0) {
        fill();
      }
      String head = new String(buffer, position, headerEnd - position, StandardCharsets.ISO_8859_1);
      int length = contentLength(head);
      int bodyStart = headerEnd + 4;
      while (limit - bodyStart < length) {
        fill();
      }
      position = bodyStart + length;
      if (!head.startsWith("HTTP/1.1 200 ")) {
        return head.lines().findFirst().orElse("no status line");
      }
      return indexOf(ALLOWED, bodyStart, position) < 0
          ? "200 without \"allowed\" in the body"
          : null;
    }

    private static int contentLength(String head) throws IOException {
      for (String line : head.split("\r\n")) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          return Integer.parseInt(line.substring(15).trim());
        }
      }
      throw new IOException(
          "response without Content-Length: " + head.lines().findFirst().orElse(""));
    }

    /** Appends what the socket has, growing the buffer if it is full. */
    private void fill() throws IOException {
      if (limit == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        throw new IOException("server closed the connection");
      }
      limit += read;
    }

    private int indexOf(byte[] needle, int from) {
      return indexOf(needle, from, limit);
    }

    private int indexOf(byte[] needle, int from, int to) {
      outer:
      for (int i = from; i <= to - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (buffer[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
