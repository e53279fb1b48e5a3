package dev.bulwark.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.engine.ExemptionFile;
import dev.bulwark.policy.engine.Finding;
import dev.bulwark.policy.engine.PolicyEngine;
import dev.bulwark.policy.library.PolicyLibrary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An audit judges each object by the policies admission would apply in its namespace: in the
 * platform's own namespaces (tenant label {@code platform}) only Pod Security at the namespace's
 * level, as the exported bindings bind them; a namespace the input does not define is taken to be a
 * tenant's, so manifests audited on their own stay strictly judged.
 */
class AuditScopeTest {

  private static final String JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: configure, namespace: %s, labels: {app.kubernetes.io/name: configure}}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers:
              - {name: apply, image: quay.io/openbao/openbao:2.5.5}
      """;

  private static AuditReport audit(String yaml) {
    PolicyEngine engine =
        PolicyEngine.create(PolicyLibrary.standard(), PolicyLibrary.Selection.ALL, Map.of());
    AuditRunner runner =
        new AuditRunner(
            engine,
            PolicyLibrary.Selection.ALL,
            null,
            ExemptionFile.NONE,
            LocalDate.of(2026, 11, 27));
    return runner.run(
        ManifestSources.list(
            List.of("-"), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void objectsInThePlatformsNamespacesAreNotHeldToTenantRulesButToPodSecurity() {
    AuditReport report =
        audit(
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: openbao, labels: {bulwark.dev/tenant: platform, pod-security.kubernetes.io/enforce: restricted}}
        ---
        """
                + JOB.formatted("openbao"));
    ObjectResult job =
        report.results().stream().filter(r -> r.kind().equals("Job")).findFirst().orElseThrow();
    // Pod Security Admission refuses this Job's pods in a restricted namespace, the platform's too.
    assertThat(job.findings())
        .extracting(Finding::policyId)
        .contains("pss-run-as-non-root")
        .doesNotContain("platform-image-registry");
    assertThat(job.evaluated())
        .contains("pss-run-as-non-root", "pss-host-namespaces")
        .doesNotContain("platform-image-registry");
  }

  @Test
  void withEveryPolicySelectedATenantIsJudgedAtItsOwnLevelAsAdmissionJudgesIt() {
    String baselineTenant =
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-b-dev, labels: {bulwark.dev/tenant: team-b, pod-security.kubernetes.io/enforce: baseline}}
        ---
        """
            + JOB.formatted("team-b-dev");
    ObjectResult job =
        audit(baselineTenant).results().stream()
            .filter(r -> r.kind().equals("Job"))
            .findFirst()
            .orElseThrow();
    assertThat(job.findings())
        .extracting(Finding::policyId)
        .contains("platform-image-registry")
        .doesNotContain("pss-run-as-non-root");
    assertThat(job.evaluated())
        .contains("pss-host-namespaces")
        .doesNotContain("pss-run-as-non-root");

    PolicyEngine restricted =
        PolicyEngine.create(
            PolicyLibrary.standard(), PolicyLibrary.Selection.PSS_RESTRICTED, Map.of());
    AuditReport asked =
        new AuditRunner(
                restricted,
                PolicyLibrary.Selection.PSS_RESTRICTED,
                null,
                ExemptionFile.NONE,
                LocalDate.of(2026, 11, 27))
            .run(
                ManifestSources.list(
                    List.of("-"),
                    new ByteArrayInputStream(baselineTenant.getBytes(StandardCharsets.UTF_8))));
    assertThat(
            asked.results().stream()
                .filter(r -> r.kind().equals("Job"))
                .findFirst()
                .orElseThrow()
                .findings())
        .as("pss-restricted asks for the restricted level")
        .extracting(Finding::policyId)
        .contains("pss-run-as-non-root");
  }

  @Test
  void objectsInATenantsNamespaceOrInAnUnknownOneAreJudged() {
    AuditReport tenant =
        audit(
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: team-a-dev, labels: {bulwark.dev/tenant: team-a, pod-security.kubernetes.io/enforce: restricted}}
        ---
        """
                + JOB.formatted("team-a-dev"));
    AuditReport unknown = audit(JOB.formatted("somewhere"));
    for (AuditReport report : List.of(tenant, unknown)) {
      ObjectResult job =
          report.results().stream().filter(r -> r.kind().equals("Job")).findFirst().orElseThrow();
      assertThat(job.findings())
          .extracting(Finding::policyId)
          .contains("platform-image-registry", "pss-run-as-non-root");
      assertThat(job.evaluated()).contains("platform-image-registry", "pss-run-as-non-root");
    }
  }
}
