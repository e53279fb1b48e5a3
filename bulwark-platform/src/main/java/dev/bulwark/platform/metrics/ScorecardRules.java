package dev.bulwark.platform.metrics;

import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;

/**
 * Alerts on the scorecard the operator keeps (ADR 0043): an essential that is failing, and an
 * overall score under {@value #SCORE_THRESHOLD}. The series are the operator's state set {@code
 * bulwark_scorecard_essential_status{category, essential, status}} and {@code
 * bulwark_scorecard_overall_score}. Only the leader keeps the scorecard, the standbys expose NaN,
 * so each expression takes the maximum over the replicas and an alert names the essential, not a
 * pod. The {@code for} durations outlast one scorecard interval (5 minutes by default), so that a
 * rollout that briefly removes an object does not page.
 */
final class ScorecardRules {

  static final String NAME = "bulwark-scorecard";
  static final String ESSENTIAL_FAILING = "BulwarkEssentialFailing";
  static final String SCORE_LOW = "BulwarkScorecardScoreLow";

  /** The overall score below which the platform is said to have drifted from its essentials. */
  static final int SCORE_THRESHOLD = 70;

  private ScorecardRules() {}

  /** The PrometheusRule, in the metrics component's namespace. */
  static HasMetadata of(String namespace) {
    return CustomResource.withWave(
        new PrometheusRuleBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(namespace)
            .withLabels(Ownership.platform())
            .endMetadata()
            .withNewSpec()
            .addNewGroup()
            .withName(NAME)
            .addToRules(failing(), scoreLow())
            .endGroup()
            .endSpec()
            .build(),
        SyncWave.SERVICES);
  }

  private static Rule failing() {
    return new RuleBuilder()
        .withAlert(ESSENTIAL_FAILING)
        .withExpr(
            new IntOrString(
                "max by (category, essential) "
                    + "(bulwark_scorecard_essential_status{status=\"failing\"}) == 1"))
        .withFor("15m")
        .addToLabels("severity", "critical")
        .addToAnnotations(
            "summary", "The essential {{ $labels.essential }} ({{ $labels.category }}) is failing")
        .addToAnnotations(
            "description",
            "Bulwark's scorecard judges {{ $labels.essential }} failing: an object it requires is"
                + " absent or not ready, or a policy or gate finding blocks it.")
        .addToAnnotations(
            "runbook",
            "1. Run `bulwark scorecard --live` (or read status.scorecard of the Platform) and find"
                + " the line of {{ $labels.essential }}: its evidence names the object or finding."
                + " 2. An object absent or not ready: the operator restores what it manages within"
                + " a reconcile; if it does not, read the Platform's and the Tenant's conditions"
                + " and the operator's log. 3. A finding: read the PolicyReport the evidence names"
                + " and fix the workload, or record an exemption with its reason. 4. The alert"
                + " resolves at the next scorecard once the line is no longer failing.")
        .build();
  }

  private static Rule scoreLow() {
    return new RuleBuilder()
        .withAlert(SCORE_LOW)
        .withExpr(new IntOrString("max(bulwark_scorecard_overall_score) < " + SCORE_THRESHOLD))
        .withFor("30m")
        .addToLabels("severity", "warning")
        .addToAnnotations(
            "summary", "Bulwark's scorecard is {{ $value }} of 100, under " + SCORE_THRESHOLD)
        .addToAnnotations(
            "description",
            "Essentials that are missing, partial or failing have pulled the platform's overall"
                + " score under "
                + SCORE_THRESHOLD
                + ".")
        .addToAnnotations(
            "runbook",
            "1. Run `bulwark scorecard --live` and start with the failing lines, then the partial"
                + " ones; each line says what to do next. 2. A missing essential is a component the"
                + " spec does not enable: enable it in the Platform, or accept the lower score."
                + " 3. The alert resolves once the score is back at "
                + SCORE_THRESHOLD
                + " or above.")
        .build();
  }
}
