package dev.bulwark.operator.runtime;

import dev.bulwark.delivery.GitCredentials;
import dev.bulwark.operator.promotion.PromotionEndpoint;
import dev.bulwark.operator.reconcile.ApplicationReconciler;
import dev.bulwark.operator.reconcile.Observations;
import dev.bulwark.operator.reconcile.PlatformReconciler;
import dev.bulwark.operator.reconcile.PromotionPass;
import dev.bulwark.operator.reconcile.PromotionWatch;
import dev.bulwark.operator.reconcile.TenantReconciler;
import dev.bulwark.operator.scorecard.ScorecardKeeper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Bulwark operator: the Platform, Tenant and Application controllers on one client, with
 * leader election, Prometheus metrics, health endpoints and a count of every write it sends. Runs
 * in a cluster (service-account config) or outside it, from a kubeconfig.
 */
public final class BulwarkOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BulwarkOperator.class);

  private final Operator operator;
  private final KubernetesClient client;
  private final WriteCounter writes;
  private final PrometheusMeterRegistry metrics;
  private final Optional<HealthServer> health;
  private final LeaderTask promotions;
  private final Observations observations;
  private final Optional<ScorecardKeeper> scorecard;
  private PromotionEndpoint promotionEndpoint;
  private final LeaderLoops loops;

  private BulwarkOperator(
      Operator operator,
      KubernetesClient client,
      WriteCounter writes,
      PrometheusMeterRegistry metrics,
      Optional<HealthServer> health,
      LeaderTask promotions,
      Observations observations,
      Optional<ScorecardKeeper> scorecard,
      LeaderLoops loops) {
    this.operator = operator;
    this.client = client;
    this.writes = writes;
    this.metrics = metrics;
    this.health = health;
    this.promotions = promotions;
    this.observations = observations;
    this.scorecard = scorecard;
    this.loops = loops;
  }

  /**
   * Starts the operator on {@code config}; returns once the informers have synced (or, with leader
   * election, once it waits for the lease).
   */
  public static BulwarkOperator start(Config config, OperatorSettings settings) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WriteCounter writes = new WriteCounter(metrics);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor(WriteCounter.NAME, writes))
            .build();
    Engine engine = Engine.create(client, metrics, Clock.systemUTC(), settings.identity());
    Observations observations = Observations.start(client);
    LeaderTask promotions =
        new LeaderTask(
            () -> PromotionWatch.start(client, Clock.systemUTC(), observations.pendingApprovals()));
    LeaderLoops loops = new LeaderLoops();
    engine
        .kinds()
        .notServed()
        .forEach(
            k ->
                LOG.warn(
                    "{} {} is not served (CRD not installed?): objects of that kind fail until it is, and are watched from the "
                        + "first reconcile after that",
                    k.apiVersion(),
                    k.kind()));
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(true)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics))
                  .withConcurrentReconciliationThreads(settings.threads())
                  .withCacheSyncTimeout(settings.cacheSyncTimeout())
                  // an optional kind (Gateway API routes) without its CRD must not stop the others
                  .withStopOnInformerErrorDuringStartup(false);
              settings
                  .leaseNamespace()
                  .ifPresent(
                      ns ->
                          o.withLeaderElectionConfiguration(
                              leaderElection(settings, ns, promotions, loops)));
            });
    Optional<ScorecardKeeper> scorecard = scorecardKeeper(client, engine, metrics, settings);
    scorecard.ifPresent(k -> loops.add(() -> k.keep(settings.scorecardInterval())));
    operator.register(
        new PlatformReconciler(engine, () -> scorecard.ifPresent(ScorecardKeeper::refreshSoon)));
    operator.register(new TenantReconciler(engine));
    operator.register(new ApplicationReconciler(engine, observations));
    Optional<HealthServer> health = Optional.empty();
    try {
      if (settings.httpPort() >= 0) {
        health =
            Optional.of(
                HealthServer.start(
                    settings.httpPort(),
                    () -> liveness(operator),
                    () -> readiness(operator),
                    metrics));
      }
      operator.start();
    } catch (IOException e) {
      observations.close();
      operator.stop();
      throw new UncheckedIOException(
          "could not serve the health endpoints on port " + settings.httpPort(), e);
    } catch (RuntimeException e) {
      observations.close();
      health.ifPresent(HealthServer::close);
      throw e;
    }
    LOG.info("Bulwark operator {} started against {}", settings.identity(), config.getMasterUrl());
    if (settings.leaseNamespace().isEmpty()) {
      promotions.start();
      loops.lead();
    }
    return new BulwarkOperator(
        operator, client, writes, metrics, health, promotions, observations, scorecard, loops);
  }

  /** Leader election on the Lease in {@code namespace}: the leader promotes and runs the loops. */
  private static LeaderElectionConfiguration leaderElection(
      OperatorSettings settings, String namespace, LeaderTask promotions, LeaderLoops loops) {
    return new LeaderElectionConfiguration(
        settings.leaseName(),
        namespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        settings.identity(),
        new LeaderCallbacks(
            () -> {
              promotions.start();
              loops.lead();
            },
            () -> {
              loops.follow();
              promotions.stop();
            },
            l -> {}),
        settings.exitOnLostLease());
  }

  /** The scorecard keeper the settings ask for; it judges only while this replica leads. */
  private static Optional<ScorecardKeeper> scorecardKeeper(
      KubernetesClient client,
      Engine engine,
      PrometheusMeterRegistry metrics,
      OperatorSettings settings) {
    Duration interval = settings.scorecardInterval();
    return interval.compareTo(Duration.ZERO) > 0
        ? Optional.of(ScorecardKeeper.create(client, engine.renderer(), metrics, Clock.systemUTC()))
        : Optional.empty();
  }

  /** The scorecard keeper, when the settings keep one. */
  public Optional<ScorecardKeeper> scorecard() {
    return scorecard;
  }

  private static HealthServer.Probe liveness(Operator operator) {
    var info = operator.getRuntimeInfo();
    // unhealthy informers are reported but do not fail liveness: a missing optional CRD must not
    // make the kubelet restart the pod in a loop
    return new HealthServer.Probe(
        true,
        info.isStarted()
            ? "started; unhealthy sources: " + info.unhealthyEventSources().keySet()
            : "starting");
  }

  private static HealthServer.Probe readiness(Operator operator) {
    boolean started = operator.getRuntimeInfo().isStarted();
    return new HealthServer.Probe(started, started ? "started" : "starting");
  }

  /** Whether this replica watches for promotions: the leader does, or the only replica. */
  public boolean promoting() {
    return promotions.running();
  }

  /**
   * Runs the loop {@code starter} starts whenever this replica leads (or always, without leader
   * election), and closes it when it stops leading: periodic work over the whole cluster that would
   * only repeat itself on every replica.
   */
  public void whileLeading(Supplier<? extends AutoCloseable> starter) {
    loops.add(starter);
  }

  /** Whether this replica runs the leader's loops (scorecard, audit) now. */
  public boolean leading() {
    return loops.leading();
  }

  /** The client the operator uses; its writes are counted. */
  public KubernetesClient client() {
    return client;
  }

  /** Mutating requests this operator has sent. */
  public WriteCounter writes() {
    return writes;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Serves the promotion endpoint for external CI (ADR 0041) on {@code address} with the PEM
   * certificate and PKCS#8 key; returns its port. Every replica serves it: a promotion is a
   * non-forced push, so two replicas racing end in one commit (ADR 0038).
   */
  public synchronized int servePromotions(InetSocketAddress address, Path certificate, Path key)
      throws IOException {
    if (promotionEndpoint != null) {
      throw new IllegalStateException("the promotion endpoint is served already");
    }
    promotionEndpoint =
        PromotionEndpoint.start(
            address,
            certificate,
            key,
            client,
            new PromotionPass(client, Clock.systemUTC(), GitCredentials::fromEnvironment));
    LOG.info("serving promotions for external CI on {}", promotionEndpoint.port());
    return promotionEndpoint.port();
  }

  /** The port of the health endpoints, if served. */
  public Optional<Integer> httpPort() {
    return health.map(HealthServer::port);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (promotionEndpoint != null) {
        promotionEndpoint.close();
      }
    }
    loops.close();
    scorecard.ifPresent(ScorecardKeeper::close);
    promotions.close();
    observations.close();
    health.ifPresent(HealthServer::close);
    operator.stop();
  }
}
