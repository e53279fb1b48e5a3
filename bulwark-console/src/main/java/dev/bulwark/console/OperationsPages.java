package dev.bulwark.console;

import static dev.bulwark.console.Html.link;
import static dev.bulwark.console.Html.text;

import dev.bulwark.api.v1alpha1.Application;
import java.util.List;
import java.util.function.Function;

/** The pages of what the platform's components report: certificates, backups, pipeline runs. */
final class OperationsPages {

  private OperationsPages() {}

  static String certificates(String tenant, List<Operations.Certificate> certificates) {
    return back(Pages.tenantPath(tenant), tenant)
        + tableOr(
            "No certificates in the namespaces you can see.",
            certificates,
            "Certificates (cert-manager)",
            List.of("Certificate", "Namespace", "DNS names", "Ready", "Not after", "Renewal"),
            c ->
                List.of(
                    text(c.name()),
                    text(c.namespace()),
                    text(c.dnsNames()),
                    text(c.ready().equals("True") ? "Ready" : "not ready (" + c.ready() + ")"),
                    text(c.notAfter()),
                    text(c.renewal())));
  }

  static String backups(String tenant, List<Operations.Backups> schedules) {
    return back(Pages.tenantPath(tenant), tenant)
        + tableOr(
            "No backup schedules for this tenant.",
            schedules,
            "Backup schedules (Velero)",
            List.of("Schedule", "When", "Last successful backup", "Last backup's phase"),
            s ->
                List.of(
                    text(s.schedule()),
                    "<code>" + text(s.cron()) + "</code>",
                    text(s.lastSuccessful()),
                    text(s.lastPhase())));
  }

  /** The application's pipeline runs (or why they cannot be shown) and the gate's decisions. */
  static String pipeline(
      Application app,
      String runsRefusal,
      List<Operations.Run> runs,
      List<Operations.GateDecision> decisions) {
    String runTable =
        !runsRefusal.isEmpty()
            ? Pages.message(runsRefusal)
            : tableOr(
                "No pipeline runs.",
                runs,
                "Pipeline runs (Tekton), newest first",
                List.of("Run", "Outcome", "Reason", "Started", "Finished"),
                r ->
                    List.of(
                        text(r.name()),
                        text(r.outcome()),
                        text(r.reason()),
                        text(r.started()),
                        text(r.finished())));
    String gateTable =
        tableOr(
            "No gate decisions.",
            decisions,
            "Gate decisions, newest first",
            List.of("Environment", "Image digest", "Result", "Why", "Decided"),
            d ->
                List.of(
                    text(d.environment()),
                    "<code>" + text(d.digest()) + "</code>",
                    text(d.result()),
                    text(d.message()),
                    text(d.decided())));
    String name = app.getMetadata().getName();
    String path = Pages.appPath(app.getSpec().getTenant(), app.getMetadata().getNamespace(), name);
    return back(path, name) + runTable + gateTable;
  }

  private static <T> String tableOr(
      String empty,
      List<T> items,
      String caption,
      List<String> headers,
      Function<T, List<String>> cells) {
    return items.isEmpty()
        ? "<p>" + text(empty) + "</p>\n"
        : Html.table(caption, headers, Html.rows(items, cells));
  }

  private static String back(String path, String name) {
    return "<p>" + link(path, "Back to " + name) + "</p>\n";
  }
}
