package dev.bulwark.cli.policy;

import dev.bulwark.operator.live.ClusterSpec;
import dev.bulwark.policy.audit.AuditReport;
import dev.bulwark.policy.audit.AuditRunner;
import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.export.PolicyRenderUnit;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.RenderContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The operator's periodic cluster audit: the tenants' live objects ({@link ClusterManifests})
 * judged by every policy of the library with the parameters the cluster's Platform gives them (as
 * admission judges them), written as PolicyReports ({@link AuditReports}).
 */
public final class ClusterAudit {

  private final KubernetesClient client;
  private final Clock clock;

  public ClusterAudit(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Audits the cluster once and writes the reports. */
  public AuditReports.Published run() {
    return publish(audit(runner()));
  }

  /** The audit of the cluster's tenant namespaces by {@code runner}. */
  public AuditReport audit(AuditRunner runner) {
    return runner.run(ClusterManifests.read(client), List.of());
  }

  /** Writes {@code report} as the audit's PolicyReports. */
  public AuditReports.Published publish(AuditReport report) {
    return new AuditReports(client).publish(report, clock.instant());
  }

  /** Every policy, parameterised by the cluster's spec (defaults without a Platform). */
  private AuditRunner runner() {
    Map<String, Object> params =
        ClusterSpec.read(client)
            .map(spec -> PolicyRenderUnit.params(RenderContext.of(spec)))
            .orElse(Map.of());
    return new AuditRunner(
        PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, params),
        PolicyLibrary.Selection.ALL,
        null,
        ExemptionFile.NONE,
        LocalDate.now(clock));
  }
}
