package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.delivery.ArgoCdEvidence;
import dev.bulwark.delivery.DastRuns;
import dev.bulwark.delivery.GitCredentials;
import dev.bulwark.delivery.PromotionRefused;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's automatic promotion (ADR 0038): it watches the Argo CD Applications Bulwark labels
 * with a tenant and an application, and whenever one reports {@code Synced} and {@code Healthy}
 * runs a {@link PromotionPass} for that application on one worker thread, so passes never race each
 * other in this process. Argo CD may be installed after the operator starts (the platform installs
 * it): until its API is served the watch checks again every {@link #CHECK}. A periodic resync of
 * every Application retries a pass that failed (a repository that was down, a push that lost).
 */
public final class PromotionWatch implements AutoCloseable {

  static final Duration CHECK = Duration.ofSeconds(30);
  static final Duration RESYNC = Duration.ofMinutes(2);
  static final Duration STOP = Duration.ofSeconds(20);
  private static final String API_VERSION = "argoproj.io/v1alpha1";
  private static final Logger LOG = LoggerFactory.getLogger(PromotionWatch.class);

  private final KubernetesClient client;
  private final PromotionPass pass;
  private final PendingApprovals approvals;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bulwark-promotion");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private volatile SharedIndexInformer<GenericKubernetesResource> informer;
  private volatile SharedIndexInformer<GenericKubernetesResource> scans;

  private PromotionWatch(KubernetesClient client, PromotionPass pass, PendingApprovals approvals) {
    this.client = client;
    this.pass = pass;
    this.approvals = approvals;
  }

  /**
   * Starts watching on {@code client}, recording after every pass the requests that wait in {@code
   * approvals}; credentials for the repository come from the environment.
   */
  public static PromotionWatch start(
      KubernetesClient client, Clock clock, PendingApprovals approvals) {
    return start(client, clock, GitCredentials::fromEnvironment, approvals);
  }

  static PromotionWatch start(
      KubernetesClient client,
      Clock clock,
      Supplier<Optional<GitCredentials>> credentials,
      PendingApprovals approvals) {
    PromotionWatch watch =
        new PromotionWatch(
            client,
            new PromotionPass(client, clock, credentials, Optional.of(approvals)),
            approvals);
    watch.worker.scheduleWithFixedDelay(
        watch::watchOnceServed, 0, CHECK.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  private void watchOnceServed() {
    if (informer == null && Observations.served(client, API_VERSION, "Application")) {
      informer =
          client
              .genericKubernetesResources(API_VERSION, "Application")
              .inNamespace(ArgoCdEvidence.NAMESPACE)
              .withLabel(BulwarkLabels.APPLICATION)
              .inform(new Handler(this::consider), RESYNC.toMillis());
      LOG.info("watching Argo CD Applications in {} for promotions", ArgoCdEvidence.NAMESPACE);
    }
    if (scans == null && Observations.served(client, DastRuns.API_VERSION, DastRuns.KIND)) {
      // a promotion that waits for a DAST scan is made as soon as the scan passes (ADR 0050)
      scans =
          client
              .genericKubernetesResources(DastRuns.API_VERSION, DastRuns.KIND)
              .inAnyNamespace()
              .withLabel(BulwarkLabels.MANAGED_BY, BulwarkLabels.MANAGED_BY_VALUE)
              .withLabel(BulwarkLabels.APPLICATION)
              .inform(new Handler(this::considerScan), 0);
      LOG.info("watching the DAST scans' TaskRuns for promotions");
    }
  }

  /** Queues a pass for the application a scan passed for. */
  private void considerScan(GenericKubernetesResource run) {
    if (DastRuns.passed(run)) {
      Map<String, String> labels = run.getMetadata().getLabels();
      queue(labels.get(BulwarkLabels.TENANT), labels.get(BulwarkLabels.APPLICATION));
    }
  }

  /** Queues a pass for the application {@code app} reports on, if it passed and none is queued. */
  private void consider(GenericKubernetesResource app) {
    Map<String, String> labels = app.getMetadata().getLabels();
    String tenant = labels.get(BulwarkLabels.TENANT);
    String name = labels.get(BulwarkLabels.APPLICATION);
    if (tenant == null
        || !"Synced".equals(app.get("status", "sync", "status"))
        || !"Healthy".equals(app.get("status", "health", "status"))) {
      return;
    }
    queue(tenant, name);
  }

  /** Queues a pass for application {@code name} of {@code tenant}, unless one is queued. */
  private void queue(String tenant, String name) {
    if (tenant == null || name == null) {
      return;
    }
    String key = tenant + "/" + name;
    if (queued.add(key) && !worker.isShutdown()) {
      worker.execute(() -> runPass(key, tenant, name));
    }
  }

  private void runPass(String key, String tenant, String name) {
    queued.remove(key);
    try {
      pass.run(tenant, name);
    } catch (PromotionRefused e) {
      // the evidence or the tree changed since the event; the next event decides again
      LOG.info("no promotion of {}: {}", key, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn(
          "promotion pass for {} failed (retried on the next resync): {}", key, e.getMessage());
    }
  }

  /**
   * Stops watching and lets a pass that runs finish (a push cut off half-way would be retried, but
   * a clean stop leaves nothing to retry); queued passes are dropped, the next start decides again.
   */
  @Override
  public void close() {
    closeInformers();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    closeInformers(); // in case the check started one while stopping
    // another replica reads the repository now; what this one read would only grow stale
    approvals.forgetAll();
  }

  private void closeInformers() {
    if (informer != null) {
      informer.close();
    }
    if (scans != null) {
      scans.close();
    }
  }

  /** Hands every added or changed object to {@code consider}; a deleted one promotes nothing. */
  private record Handler(java.util.function.Consumer<GenericKubernetesResource> consider)
      implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource object) {
      consider.accept(object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource object) {
      consider.accept(object);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {
      // nothing runs or passes there any more: nothing to promote from it
    }
  }
}
