package dev.bulwark.cli.catalog;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.catalog.upgrade.UpgradePlan;
import dev.bulwark.catalog.upgrade.UpgradeStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How an upgrade plan is printed: numbered steps with their notes, then blockers and warnings. */
final class UpgradePlanText {

  private UpgradePlanText() {}

  static String render(BulwarkSpec spec, UpgradePlan plan, int scanned) {
    StringBuilder out = new StringBuilder();
    out.append("Upgrade plan for platform ")
        .append(spec.platform().getMetadata().getName())
        .append(": Kubernetes ")
        .append(plan.current())
        .append(" -> ")
        .append(plan.targetKubernetes().orElse(plan.current()))
        .append(
            plan.target()
                .release()
                .map(r -> ", components to catalogue " + r)
                .orElse(", components as installed"))
        .append('\n')
        .append("Scanned ")
        .append(scanned)
        .append(" object")
        .append(scanned == 1 ? "" : "s")
        .append(" for APIs removed by Kubernetes ")
        .append(plan.targetKubernetes().orElse(plan.current()))
        .append("\n\n");
    if (plan.steps().isEmpty()) {
      out.append("Nothing to do.\n");
    }
    int n = 1;
    for (UpgradeStep step : plan.steps()) {
      out.append(
          String.format(
              "%2d. %-10s %s: %s -> %s%s%n",
              n++,
              step.kind().label(),
              step.subject(),
              step.from().isEmpty() ? "(installed version unknown)" : step.from(),
              step.to(),
              step.breaking().map(b -> b ? "  [BREAKING]" : "").orElse("")));
      step.notes().forEach(note -> out.append("      - ").append(note).append('\n'));
    }
    section(out, "Blockers", plan.blockers());
    section(out, "Warnings", plan.warnings());
    out.append('\n')
        .append(
            plan.needsAction()
                ? "Action required before the upgrade: "
                    + plan.blockers().size()
                    + " blocker(s), "
                    + plan.steps().stream()
                        .filter(s -> s.kind() == UpgradeStep.Kind.MIGRATE_API)
                        .count()
                    + " object(s) to migrate.\n"
                : "No removed API in use and every component supports the target.\n");
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<String> lines) {
    if (!lines.isEmpty()) {
      out.append('\n').append(title).append(":\n");
      lines.forEach(line -> out.append("  - ").append(line).append('\n'));
    }
  }

  static Map<String, Object> json(UpgradePlan plan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "kubernetes",
        Map.of(
            "current",
            plan.current().toString(),
            "target",
            plan.targetKubernetes().orElse(plan.current()).toString()));
    doc.put("release", plan.target().release().orElse(null));
    doc.put(
        "steps",
        plan.steps().stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", s.kind().label());
                  m.put("subject", s.subject());
                  m.put("from", s.from());
                  m.put("to", s.to());
                  m.put("breaking", s.breaking().map(b -> (Object) b).orElse("not reviewed"));
                  m.put("notes", s.notes());
                  return m;
                })
            .toList());
    doc.put("blockers", plan.blockers());
    doc.put("warnings", plan.warnings());
    doc.put("needsAction", plan.needsAction());
    return doc;
  }
}
