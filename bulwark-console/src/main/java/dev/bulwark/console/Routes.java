package dev.bulwark.console;

import com.sun.net.httpserver.HttpExchange;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.delivery.Outcome;
import dev.bulwark.delivery.PromotionRefused;
import dev.bulwark.policy.library.PolicyLibrary;
import dev.bulwark.render.RenderException;
import dev.bulwark.scorecard.Line;
import dev.bulwark.scorecard.Scorecard;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages of a logged-in user. Each shows what the API server lets them see ({@link ClusterView})
 * and acts through the client that impersonates them; a refusal of the API server becomes a 403
 * page that says what was refused, and nothing is half-shown.
 */
final class Routes {

  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

  private final ClusterView cluster;
  private final Delivery delivery;
  private final Operations operations;
  private final PlatformScorecard scorecard;

  Routes(
      ClusterView cluster, Delivery delivery, Operations operations, PlatformScorecard scorecard) {
    this.cluster = cluster;
    this.delivery = delivery;
    this.operations = operations;
    this.scorecard = scorecard;
  }

  void serve(
      HttpExchange exchange,
      String path,
      String method,
      Map<String, String> form,
      Session session,
      KubernetesClient user)
      throws IOException {
    List<String> parts =
        Arrays.stream(path.split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
            .toList();
    try {
      if (method.equals("POST") && path.equals("/approve")) {
        approve(exchange, form, session, user);
      } else if (!method.equals("GET")) {
        Exchanges.html(exchange, 405, Html.page("Not allowed", session, ""));
      } else if (parts.isEmpty()) {
        ok(exchange, "Tenants", session, Pages.tenants(cluster.tenants(session)));
      } else if (parts.equals(List.of("policies"))) {
        ok(exchange, "Policies", session, Pages.policies(PolicyLibrary.standard()));
      } else if (parts.get(0).equals("scorecard") && parts.size() <= 2) {
        scorecard(exchange, parts, session, user);
      } else if (parts.size() == 2 && parts.get(0).equals("tenants")) {
        tenant(exchange, parts.get(1), session);
      } else if (parts.size() == 3 && parts.get(0).equals("tenants")) {
        tenantOperations(exchange, parts.get(1), parts.get(2), session);
      } else if ((parts.size() == 5 || parts.size() == 6 && parts.get(5).equals("pipeline"))
          && parts.get(0).equals("tenants")
          && parts.get(2).equals("applications")) {
        application(exchange, parts, session, user);
      } else {
        notFound(exchange, session);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403 && e.getCode() != 404) {
        throw e;
      }
      Exchanges.html(
          exchange,
          e.getCode(),
          Html.page(
              e.getCode() == 403 ? "Not allowed" : "Not found",
              session,
              Pages.message(
                  "The API server refused this read for "
                      + session.user()
                      + " (HTTP "
                      + e.getCode()
                      + ").")));
    }
  }

  private void tenant(HttpExchange exchange, String name, Session session) throws IOException {
    Optional<Tenant> tenant = cluster.tenant(session, name);
    if (tenant.isEmpty()) {
      notFound(exchange, session);
      return;
    }
    List<String> namespaces = cluster.readableNamespaces(session, tenant.get());
    Map<String, Optional<ResourceQuota>> quotas = new LinkedHashMap<>();
    for (String ns : namespaces) {
      quotas.put(ns, cluster.quota(session, ns));
    }
    ok(
        exchange,
        "Tenant " + name,
        session,
        Pages.tenant(tenant.get(), quotas, cluster.applications(tenant.get(), namespaces)));
  }

  /** An application's page, or with {@code /pipeline} its pipeline runs and gate decisions. */
  private void application(
      HttpExchange exchange, List<String> parts, Session session, KubernetesClient user)
      throws IOException {
    String tenantName = parts.get(1);
    String name = parts.get(4);
    Optional<Tenant> tenant = cluster.tenant(session, tenantName);
    Optional<Application> app =
        tenant.flatMap(t -> cluster.application(session, t, parts.get(3), name));
    if (app.isEmpty()) {
      notFound(exchange, session);
    } else if (parts.size() == 6) {
      pipeline(exchange, tenant.get(), app.get(), session, user);
    } else {
      ok(
          exchange,
          "Application " + name,
          session,
          Pages.application(
              app.get(), delivery.stages(app.get(), tenant.get()), delivery.approvals(), session));
    }
  }

  /** The tenant's certificates or backups, from the namespaces the person may see. */
  private void tenantOperations(HttpExchange exchange, String name, String what, Session session)
      throws IOException {
    Optional<Tenant> tenant = cluster.tenant(session, name);
    if (tenant.isEmpty() || !List.of("certificates", "backups").contains(what)) {
      notFound(exchange, session);
      return;
    }
    if (what.equals("certificates")) {
      List<String> namespaces = cluster.readableNamespaces(session, tenant.get());
      ok(
          exchange,
          "Certificates of " + name,
          session,
          OperationsPages.certificates(name, operations.certificates(namespaces)));
    } else {
      ok(
          exchange,
          "Backups of " + name,
          session,
          OperationsPages.backups(name, operations.backups(name)));
    }
  }

  /** The application's pipeline runs (read as the person) and the gate's decisions. */
  private void pipeline(
      HttpExchange exchange, Tenant tenant, Application app, Session session, KubernetesClient user)
      throws IOException {
    String tenantName = tenant.getMetadata().getName();
    String name = app.getMetadata().getName();
    String ci = Operations.ciNamespace(tenantName);
    List<Operations.Run> runs = List.of();
    String refusal = "";
    try {
      runs = Operations.runs(user, ci, name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      refusal = "You may not read the pipeline runs in " + ci + ".";
    }
    List<String> namespaces = cluster.readableNamespaces(session, tenant);
    ok(
        exchange,
        "Pipeline of " + name,
        session,
        OperationsPages.pipeline(
            app, refusal, runs, operations.gateDecisions(tenantName, name, namespaces)));
  }

  /** The platform's scorecard, or one essential's evidence; judged as the person. */
  private void scorecard(
      HttpExchange exchange, List<String> parts, Session session, KubernetesClient user)
      throws IOException {
    Optional<Scorecard> card;
    try {
      card = scorecard.judge(user);
    } catch (RenderException e) {
      ok(
          exchange,
          "Scorecard",
          session,
          Pages.message("The platform does not render: " + e.getMessage()));
      return;
    }
    if (card.isEmpty()) {
      ok(exchange, "Scorecard", session, Pages.message("The cluster holds no Platform."));
      return;
    }
    if (parts.size() == 1) {
      ok(exchange, "Scorecard", session, ScorecardPages.scorecard(card.get()));
      return;
    }
    Optional<Line> line =
        card.get().lines().stream()
            .filter(l -> l.essential().id().equals(parts.get(1)))
            .findFirst();
    if (line.isEmpty()) {
      notFound(exchange, session);
    } else {
      ok(
          exchange,
          "Essential: " + line.get().essential().title(),
          session,
          ScorecardPages.essential(line.get()));
    }
  }

  private void approve(
      HttpExchange exchange, Map<String, String> form, Session session, KubernetesClient user)
      throws IOException {
    String tenantName = form.getOrDefault("tenant", "");
    String environment = form.getOrDefault("environment", "");
    Optional<Tenant> tenant = cluster.tenant(session, tenantName);
    // read as the person, not from the cache: an approval acts on what the API server says now
    Application app =
        tenant.isEmpty()
            ? null
            : user.resources(Application.class)
                .inNamespace(form.getOrDefault("namespace", ""))
                .withName(form.getOrDefault("application", ""))
                .get();
    if (app == null || !delivery.approvals()) {
      notFound(exchange, session);
      return;
    }
    String back =
        Html.link(
            Pages.appPath(
                tenantName, app.getMetadata().getNamespace(), app.getMetadata().getName()),
            "Back to " + app.getMetadata().getName());
    try {
      Outcome outcome = delivery.approve(app, tenant.get(), environment, user);
      LOG.info(
          "{} approved the promotion of {}/{} to {}",
          session.user(),
          tenantName,
          app.getMetadata().getName(),
          environment);
      ok(
          exchange,
          "Approved",
          session,
          Pages.message(outcome.describe(Delivery.target(app, tenant.get()).orElseThrow()))
              + "<p>"
              + back
              + "</p>");
    } catch (PromotionRefused e) {
      Exchanges.html(
          exchange,
          403,
          Html.page("Refused", session, Pages.message(e.getMessage()) + "<p>" + back + "</p>"));
    }
  }

  private static void ok(HttpExchange exchange, String title, Session session, String main)
      throws IOException {
    Exchanges.html(exchange, 200, Html.page(title, session, main));
  }

  private static void notFound(HttpExchange exchange, Session session) throws IOException {
    Exchanges.html(
        exchange,
        404,
        Html.page("Not found", session, Pages.message("Nothing here that you may see.")));
  }
}
