package dev.bulwark.console;

import static dev.bulwark.console.Html.link;
import static dev.bulwark.console.Html.text;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.api.v1alpha1.TenantSpec;
import dev.bulwark.policy.library.Policy;
import dev.bulwark.policy.library.PolicyLibrary;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The pages' main content, from data already read as the user. */
final class Pages {

  private Pages() {}

  static String tenants(List<Tenant> tenants) {
    if (tenants.isEmpty()) {
      return "<p>You are not a member of any tenant.</p>";
    }
    return Html.table(
        "Tenants you can see",
        List.of("Tenant", "Display name", "Environments"),
        Html.rows(
            tenants,
            t ->
                List.of(
                    link(tenantPath(t.getMetadata().getName()), t.getMetadata().getName()),
                    text(t.getSpec().getDisplayName()),
                    text(
                        ClusterView.environments(t).stream()
                            .map(TenantSpec.EnvironmentSpec::getName)
                            .collect(Collectors.joining(", "))))));
  }

  /** Environments with their quotas (as specified, and as used now), then the applications. */
  static String tenant(
      Tenant tenant, Map<String, Optional<ResourceQuota>> quotas, List<Application> apps) {
    String name = tenant.getMetadata().getName();
    String environments =
        Html.table(
            "Environments",
            List.of("Environment", "Namespace", "Production", "Quota (hard)", "Used"),
            Html.rows(
                ClusterView.environments(tenant),
                env -> {
                  String ns = env.namespaceIn(name);
                  Optional<ResourceQuota> quota = quotas.getOrDefault(ns, Optional.empty());
                  return List.of(
                      text(env.getName()),
                      text(ns),
                      Boolean.TRUE.equals(env.getProduction()) ? "yes" : "no",
                      text(quota.map(q -> amounts(q.getStatus().getHard())).orElse("-")),
                      text(quota.map(q -> amounts(q.getStatus().getUsed())).orElse("-")));
                }));
    String applications =
        apps.isEmpty()
            ? "<p>No applications you can read.</p>"
            : Html.table(
                "Applications",
                List.of("Application", "Namespace", "Image"),
                Html.rows(
                    apps,
                    a ->
                        List.of(
                            link(
                                appPath(
                                    name,
                                    a.getMetadata().getNamespace(),
                                    a.getMetadata().getName()),
                                a.getMetadata().getName()),
                            text(a.getMetadata().getNamespace()),
                            text(a.getSpec().getImage()))));
    String more =
        "<p>"
            + link(tenantPath(name) + "/certificates", "Certificates")
            + " · "
            + link(tenantPath(name) + "/backups", "Backups")
            + "</p>\n";
    return more + environments + applications;
  }

  static String application(
      Application app, List<Delivery.Stage> stages, boolean approvals, Session session) {
    String tenant = app.getSpec().getTenant();
    return "<p>Tenant "
        + link(tenantPath(tenant), tenant)
        + " · image <code>"
        + text(app.getSpec().getImage())
        + "</code> · "
        + link(
            appPath(tenant, app.getMetadata().getNamespace(), app.getMetadata().getName())
                + "/pipeline",
            "Pipeline runs and gate decisions")
        + "</p>\n"
        + Html.table(
            "Environments",
            List.of("Environment", "Promotion", "Digest", "Sync", "Health", "Pending approval"),
            Html.rows(
                stages,
                s ->
                    List.of(
                        text(s.environment()),
                        text(s.mode()),
                        "<code>" + text(s.pinned()) + "</code>",
                        s.argoCd().synced() ? "Synced" : "not synced",
                        s.argoCd().healthy() ? "Healthy" : "not healthy",
                        pending(app, s, approvals, session))));
  }

  private static String pending(
      Application app, Delivery.Stage stage, boolean approvals, Session session) {
    if (stage.pending().isEmpty()) {
      return "-";
    }
    var request = stage.pending().get();
    String what =
        text(request.digest().shortForm()) + " requested by " + text(request.requestedBy());
    if (!approvals) {
      return what;
    }
    return what
        + "<form method=\"post\" action=\"/approve\">"
        + hidden("csrf", session.csrf())
        + hidden("tenant", app.getSpec().getTenant())
        + hidden("namespace", app.getMetadata().getNamespace())
        + hidden("application", app.getMetadata().getName())
        + hidden("environment", stage.environment())
        + "<button type=\"submit\" aria-label=\"Approve the promotion to "
        + text(stage.environment())
        + "\">Approve</button></form>";
  }

  /** What each policy checks, where it is enforced and how an object is exempted. */
  static String policies(PolicyLibrary library) {
    return Html.table(
        "The policy library",
        List.of("Policy", "Checks", "Severity", "Enforced", "Exemption"),
        Html.rows(
            library.policies(),
            p ->
                List.of(
                    "<strong>" + text(p.id()) + "</strong><br>" + text(p.title()),
                    text(p.description()),
                    text(p.severity()),
                    text(enforcement(p)),
                    p.exemptible()
                        ? "annotation <code>"
                            + text(p.exemptionAnnotation())
                            + "</code> with a reason"
                        : "not exemptible")));
  }

  private static String enforcement(Policy p) {
    String where =
        p.action() == Policy.Action.DENY
            ? "denied at admission (ValidatingAdmissionPolicy and webhook)"
            : "warned at admission";
    return where + "; reported by audit" + (p.isPss() ? " (Pod Security " + p.level() + ")" : "");
  }

  static String message(String text) {
    return "<p role=\"status\">" + text(text) + "</p>";
  }

  private static String amounts(Map<String, io.fabric8.kubernetes.api.model.Quantity> values) {
    return values == null
        ? "-"
        : new java.util.TreeMap<>(values)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + Objects.toString(e.getValue()))
                .collect(Collectors.joining(", "));
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + text(value) + "\">";
  }

  static String tenantPath(String tenant) {
    return "/tenants/" + encode(tenant);
  }

  static String appPath(String tenant, String namespace, String app) {
    return tenantPath(tenant) + "/applications/" + encode(namespace) + "/" + encode(app);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
