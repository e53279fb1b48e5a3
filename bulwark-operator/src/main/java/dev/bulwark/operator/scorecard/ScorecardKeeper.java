package dev.bulwark.operator.scorecard;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.api.v1alpha1.ScorecardStatus;
import dev.bulwark.operator.live.ClusterSpec;
import dev.bulwark.render.Renderer;
import dev.bulwark.scorecard.Essentials;
import dev.bulwark.scorecard.Observations;
import dev.bulwark.scorecard.Scorecard;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster's scorecard: the same live judgement as {@code bulwark scorecard}, of the spec
 * the cluster holds, every interval and soon after each Platform reconcile, while kept (the
 * operator keeps it on its leader only), on a thread of its own so that reconciles never wait for
 * it. It updates the gauges every time and writes {@code status.scorecard} of the Platform only
 * when the judgement changed, by server-side apply under its own field manager ({@value
 * #FIELD_MANAGER}), so the reconcilers' status writes neither own nor remove it.
 */
public final class ScorecardKeeper implements AutoCloseable {

  public static final String FIELD_MANAGER = "bulwark-scorecard";
  private static final Logger LOG = LoggerFactory.getLogger(ScorecardKeeper.class);

  private final KubernetesClient client;
  private final Renderer renderer;
  private final Clock clock;
  private final ScorecardMetrics metrics;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean pending = new AtomicBoolean();
  private ScheduledFuture<?> schedule;

  private ScorecardKeeper(
      KubernetesClient client, Renderer renderer, MeterRegistry registry, Clock clock) {
    this.client = client;
    this.renderer = renderer;
    this.clock = clock;
    this.metrics = new ScorecardMetrics(registry);
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bulwark-scorecard");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A keeper that judges nothing until {@link #keep} is called: the operator makes one per process
   * (its gauges are registered once) and keeps the scorecard only while it leads.
   */
  public static ScorecardKeeper create(
      KubernetesClient client, Renderer renderer, MeterRegistry registry, Clock clock) {
    return new ScorecardKeeper(client, renderer, registry, clock);
  }

  /**
   * Keeps the scorecard every {@code interval}, the first time right away, until the returned
   * handle is closed; then the gauges go back to NaN, so that a replica that stopped leading does
   * not go on exposing a judgement it no longer makes.
   */
  public synchronized AutoCloseable keep(Duration interval) {
    if (schedule != null) {
      throw new IllegalStateException("the scorecard is kept already");
    }
    ScheduledFuture<?> running =
        executor.scheduleWithFixedDelay(
            this::refreshLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    schedule = running;
    return () -> stopKeeping(running);
  }

  private synchronized void stopKeeping(ScheduledFuture<?> running) {
    running.cancel(false);
    if (schedule == running) {
      schedule = null;
    }
    metrics.publish(null);
  }

  /** Whether the scorecard is kept now. */
  public synchronized boolean keeping() {
    return schedule != null;
  }

  /** Asks for a scorecard soon, if it is kept; requests made while one is pending are one. */
  public void refreshSoon() {
    if (keeping() && pending.compareAndSet(false, true)) {
      executor.schedule(
          () -> {
            pending.set(false);
            refreshLogged();
          },
          1,
          TimeUnit.SECONDS);
    }
  }

  /** Judges the cluster now; empty when it holds no one Platform with a spec. */
  public Optional<Scorecard> refresh() {
    Optional<BulwarkSpec> spec = ClusterSpec.read(client);
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Scorecard card =
        Essentials.judge(
            Observations.live(client, spec.get(), renderer.render(spec.get()), "", now));
    metrics.publish(card);
    Platform platform = spec.get().platform();
    ScorecardStatus summary = ScorecardSummary.of(card, now);
    ScorecardStatus written =
        platform.getStatus() == null ? null : platform.getStatus().getScorecard();
    if (!summary.sameJudgement(written)) {
      write(platform, summary);
    }
    return Optional.of(card);
  }

  private void refreshLogged() {
    if (!keeping()) {
      return; // a request made just before this replica stopped leading
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      // the next interval tries again; a failure here must not end the schedule
      LOG.warn("could not keep the scorecard: {}", e.getMessage(), e);
    }
    if (!keeping()) {
      metrics.publish(null); // stopped while judging: expose no judgement it no longer makes
    }
  }

  private void write(Platform platform, ScorecardStatus summary) {
    Platform patch = new Platform();
    patch.setMetadata(new ObjectMetaBuilder().withName(platform.getMetadata().getName()).build());
    ResourceStatus status = new ResourceStatus();
    status.setScorecard(summary);
    patch.setStatus(status);
    client
        .resource(patch)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(FIELD_MANAGER)
                .withForce(true)
                .build());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
