package dev.bulwark.platform.metrics;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's availability objective as alerts: the plain threshold over an hour, and the
 * multiwindow, multi-burn-rate alerts of Google's SRE workbook ("Alerting on SLOs"), which page
 * when the error budget of 30 days would be gone in about two days (14.4× over 1 h, confirmed over
 * 5 m) or five days (6× over 6 h and 30 m), and open a ticket at 3× (1 d and 2 h) or 1× (3 d and 6
 * h). The short window of each pair makes the alert stop soon after the burning stops.
 *
 * <p>The indicator is the share of successful scrapes of the application's Service ({@code up}),
 * the one signal every application with a metrics port has.
 */
final class SloRules {

  static final String AVAILABILITY = "AvailabilityBelowObjective";
  static final String FAST_BURN = "ErrorBudgetBurnFast";
  static final String SLOW_BURN = "ErrorBudgetBurnSlow";

  /** A burn rate and its long and short windows. */
  private record Window(String factor, String longRange, String shortRange) {}

  private static final List<Window> PAGE =
      List.of(new Window("14.4", "1h", "5m"), new Window("6", "6h", "30m"));
  private static final List<Window> TICKET =
      List.of(new Window("3", "1d", "2h"), new Window("1", "3d", "6h"));

  private SloRules() {}

  /** The PrometheusRule of one application in one environment. */
  static HasMetadata of(
      TenantModel tenant, EnvironmentModel env, Application app, String objective) {
    String name = app.getMetadata().getName();
    String selector =
        "up{namespace=\"" + env.namespace() + "\",service=\"" + Names.label(name) + "\"}";
    String subject = name + " in " + env.name();
    var spec =
        new PrometheusRuleBuilder()
            .withNewMetadata()
            .withName(Names.label(name, "slo"))
            .withNamespace(env.namespace())
            .withLabels(Ownership.application(tenant.name(), env.name(), name))
            .endMetadata()
            .withNewSpec()
            .addNewGroup()
            .withName(Names.label(name, "availability"))
            .addToRules(
                alert(
                    AVAILABILITY,
                    "avg_over_time(" + selector + "[1h]) * 100 < " + objective,
                    "5m",
                    "critical",
                    tenant,
                    subject + " is below its " + objective + "% availability objective"))
            .endGroup();
    BigDecimal budget = BigDecimal.ONE.subtract(new BigDecimal(objective).movePointLeft(2));
    if (budget.signum() > 0) {
      // an objective of 100% has no budget to burn: the threshold alert is all there is
      spec.addNewGroup()
          .withName(Names.label(name, "burn-rate"))
          .addToRules(
              alert(
                  FAST_BURN,
                  burning(selector, budget, PAGE),
                  null,
                  "critical",
                  tenant,
                  subject + " burns its error budget fast: at this rate it is gone within days"),
              alert(
                  SLOW_BURN,
                  burning(selector, budget, TICKET),
                  null,
                  "warning",
                  tenant,
                  subject + " burns its error budget faster than the objective allows"))
          .endGroup();
    }
    return CustomResource.withWave(spec.endSpec().build(), SyncWave.TENANTS);
  }

  /** Either pair of windows over its threshold; each pair needs both its windows over it. */
  private static String burning(String selector, BigDecimal budget, List<Window> windows) {
    List<String> pairs = new ArrayList<>();
    for (Window w : windows) {
      String threshold =
          new BigDecimal(w.factor())
              .multiply(budget, MathContext.DECIMAL64)
              .stripTrailingZeros()
              .toPlainString();
      pairs.add(
          "("
              + errorRatio(selector, w.longRange())
              + " > "
              + threshold
              + " and "
              + errorRatio(selector, w.shortRange())
              + " > "
              + threshold
              + ")");
    }
    return String.join(" or ", pairs);
  }

  /** The share of failed scrapes over the range, one series per Service. */
  private static String errorRatio(String selector, String range) {
    return "(1 - avg by (namespace, service) (avg_over_time(" + selector + "[" + range + "])))";
  }

  private static Rule alert(
      String name,
      String expr,
      String forDuration,
      String severity,
      TenantModel tenant,
      String summary) {
    return new RuleBuilder()
        .withAlert(name)
        .withExpr(new IntOrString(expr))
        .withFor(forDuration)
        .addToLabels("severity", severity)
        .addToLabels("tenant", tenant.name())
        .addToAnnotations("summary", summary)
        .build();
  }
}
