package dev.bulwark.policy.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.engine.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Netty's event loops do TLS and HTTP; each request's decision runs on a virtual thread, since a
 * namespace lookup or a signature check may wait on the network (ADR 0051). A connection's requests
 * are decided one after the other, so answers keep their requests' order.
 */
public final class WebhookServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  /** The API server sends at most about 3 MiB; anything far larger is not an admission request. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

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
  private final Map<String, AdmissionResponder> routes = new LinkedHashMap<>();

  private EventLoopGroup acceptor;
  private EventLoopGroup workers;
  private Channel listener;
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
    SslContext ssl =
        new JdkSslContext(
            tls,
            false,
            null,
            IdentityCipherSuiteFilter.INSTANCE,
            null,
            ClientAuth.NONE,
            null,
            false);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("webhook-accept", true));
    workers =
        new NioEventLoopGroup(
            Runtime.getRuntime().availableProcessors(),
            new DefaultThreadFactory("webhook-io", true));
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(ssl.newHandler(channel.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new BoundedBody())
                        .addLast(new Requests());
                  }
                });
    ChannelFuture bound =
        bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      stopThreads();
      throw new IOException(
          "cannot listen on " + config.bindAddress() + ":" + config.port(), bound.cause());
    }
    listener = bound.channel();
    ready.set(true);
    LOG.info("admission webhook listening on https://{}:{}", config.bindAddress(), port());
    return this;
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** One HTTP answer: status, content type and body. */
  private record Reply(int status, String type, byte[] body) {

    static Reply text(int status, String text) {
      return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Routes each request; decisions and metrics go to a virtual thread, probes are answered here.
   */
  private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** The last decision of this connection; touched only on its event loop. */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      long start = System.nanoTime();
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      String uri = request.uri();
      int query = uri.indexOf('?');
      String path = query < 0 ? uri : uri.substring(0, query);
      AdmissionResponder responder = path.equals("/validate") ? handler : routes.get(path);
      if (responder == null) {
        answer(ctx, keepAlive, probe(path));
        return;
      }
      if (!HttpMethod.POST.equals(request.method())) {
        answer(ctx, keepAlive, Reply.text(405, "POST an AdmissionReview\n"));
        return;
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      // one read may hold several requests: each waits for the one before on this connection
      ctx.channel().config().setAutoRead(false);
      previous =
          previous
              .thenRunAsync(
                  () -> {
                    try {
                      answer(ctx, keepAlive, validate(responder, body));
                    } finally {
                      latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                      ctx.channel().config().setAutoRead(true);
                    }
                  },
                  executor)
              .exceptionally(
                  shuttingDown -> {
                    // the executor refused it: the API server retries or applies its failure policy
                    answer(ctx, false, Reply.text(503, "shutting down\n"));
                    return null;
                  });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // a client that fails the TLS handshake or drops the connection: nothing to answer
      LOG.debug("webhook connection closed: {}", cause.toString());
      ctx.close();
    }
  }

  /** Answers a request whose body exceeds {@link #MAX_BODY} with 413, counted as rejected. */
  private final class BoundedBody extends HttpObjectAggregator {

    BoundedBody() {
      super(MAX_BODY);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
        throws Exception {
      count("rejected", false);
      super.handleOversizedMessage(ctx, oversized);
    }
  }

  private Reply probe(String path) {
    return switch (path) {
      case "/healthz" -> Reply.text(200, "ok\n");
      case "/readyz" ->
          ready.get() ? Reply.text(200, "ready\n") : Reply.text(503, "shutting down\n");
      case "/metrics" -> Reply.text(200, metrics.scrape());
      default -> Reply.text(404, "not found\n");
    };
  }

  private Reply validate(AdmissionResponder responder, byte[] body) {
    try {
      AdmissionHandler.Answer answer = responder.answer(body, json);
      if (answer.decision() == null) {
        count("rejected", false);
        return Reply.text(400, answer.badRequest() + "\n");
      }
      AdmissionHandler.Decision decision = answer.decision();
      record(decision);
      return new Reply(200, "application/json", json.writeValueAsBytes(decision.review()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot answer an admission request: {}", e.toString());
      return Reply.text(500, "cannot answer: " + e.getMessage() + "\n");
    }
  }

  private static void answer(ChannelHandlerContext ctx, boolean keepAlive, Reply reply) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()),
            Unpooled.wrappedBuffer(reply.body()));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, reply.type())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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

  /**
   * Reports not-ready, stops accepting, and waits up to the grace period for requests in flight.
   */
  @Override
  public void close() {
    if (listener == null) {
      return;
    }
    ready.set(false);
    LOG.info(
        "admission webhook shutting down, waiting up to {} for requests in flight",
        config.gracePeriod());
    listener.close().awaitUninterruptibly();
    executor.shutdown();
    try {
      executor.awaitTermination(config.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopThreads();
    listener = null;
  }

  /** Stops the event loops, once what they were writing is written. */
  private void stopThreads() {
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
