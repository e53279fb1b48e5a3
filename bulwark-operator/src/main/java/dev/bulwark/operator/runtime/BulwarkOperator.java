package dev.bulwark.operator.runtime;

import dev.bulwark.operator.reconcile.ApplicationReconciler;
import dev.bulwark.operator.reconcile.Observations;
import dev.bulwark.operator.reconcile.PlatformReconciler;
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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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

  private BulwarkOperator(
      Operator operator,
      KubernetesClient client,
      WriteCounter writes,
      PrometheusMeterRegistry metrics,
      Optional<HealthServer> health,
      LeaderTask promotions,
      Observations observations,
      Optional<ScorecardKeeper> scorecard) {
    this.operator = operator;
    this.client = client;
    this.writes = writes;
    this.metrics = metrics;
    this.health = health;
    this.promotions = promotions;
    this.observations = observations;
    this.scorecard = scorecard;
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
    LeaderTask promotions = new LeaderTask(() -> PromotionWatch.start(client, Clock.systemUTC()));
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
                              new LeaderElectionConfiguration(
                                  settings.leaseName(),
                                  ns,
                                  LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                                  LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                                  LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                                  settings.identity(),
                                  new LeaderCallbacks(promotions::start, promotions::stop, l -> {}),
                                  settings.exitOnLostLease())));
            });
    Optional<ScorecardKeeper> scorecard = scorecardKeeper(client, engine, metrics, settings);
    operator.register(
        new PlatformReconciler(engine, () -> scorecard.ifPresent(ScorecardKeeper::refreshSoon)));
    operator.register(new TenantReconciler(engine));
    Observations observations = Observations.start(client);
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
    }
    return new BulwarkOperator(
        operator, client, writes, metrics, health, promotions, observations, scorecard);
  }

  /** The scorecard keeper the settings ask for, started. */
  private static Optional<ScorecardKeeper> scorecardKeeper(
      KubernetesClient client,
      Engine engine,
      PrometheusMeterRegistry metrics,
      OperatorSettings settings) {
    Duration interval = settings.scorecardInterval();
    return interval.compareTo(Duration.ZERO) > 0
        ? Optional.of(
            ScorecardKeeper.start(client, engine.renderer(), metrics, Clock.systemUTC(), interval))
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

  /** The port of the health endpoints, if served. */
  public Optional<Integer> httpPort() {
    return health.map(HealthServer::port);
  }

  @Override
  public void close() {
    scorecard.ifPresent(ScorecardKeeper::close);
    promotions.close();
    observations.close();
    health.ifPresent(HealthServer::close);
    operator.stop();
  }
}
