package dev.bulwark.cli.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator command's cluster audit every interval, its PolicyReports replacing the last ones.
 * It runs beside the operator rather than in it: the operator module does not carry the policy
 * engine, whose render unit would otherwise join every rendering the operator's tests make.
 */
public final class PeriodicAudit implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicAudit.class);

  private final ScheduledExecutorService executor;

  private PeriodicAudit(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Audits with {@code client} every {@code interval}, the first time after one interval. */
  public static PeriodicAudit start(KubernetesClient client, Duration interval) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bulwark-audit");
              t.setDaemon(true);
              return t;
            });
    ClusterAudit audit = new ClusterAudit(client, Clock.systemUTC());
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            AuditReports.Published published = audit.run();
            LOG.info(
                "cluster audit: {} PolicyReport(s) written, {} stale one(s) deleted",
                published.written().size(),
                published.deleted().size());
          } catch (RuntimeException e) {
            // the next interval tries again
            LOG.warn("cluster audit failed: {}", e.getMessage(), e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return new PeriodicAudit(executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
