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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster's scorecard: the same live judgement as {@code bulwark scorecard}, of the spec
 * the cluster holds, every interval and soon after each Platform reconcile, on a thread of its own
 * so that reconciles never wait for it. It updates the gauges every time and writes {@code
 * status.scorecard} of the Platform only when the judgement changed, by server-side apply under its
 * own field manager ({@value #FIELD_MANAGER}), so the reconcilers' status writes neither own nor
 * remove it.
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

  /** Starts keeping the scorecard every {@code interval}, the first time right away. */
  public static ScorecardKeeper start(
      KubernetesClient client,
      Renderer renderer,
      MeterRegistry registry,
      Clock clock,
      Duration interval) {
    ScorecardKeeper keeper = new ScorecardKeeper(client, renderer, registry, clock);
    keeper.executor.scheduleWithFixedDelay(
        keeper::refreshLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return keeper;
  }

  /** Asks for a scorecard soon; requests made while one is pending are one. */
  public void refreshSoon() {
    if (pending.compareAndSet(false, true)) {
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
    try {
      refresh();
    } catch (RuntimeException e) {
      // the next interval tries again; a failure here must not end the schedule
      LOG.warn("could not keep the scorecard: {}", e.getMessage(), e);
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
