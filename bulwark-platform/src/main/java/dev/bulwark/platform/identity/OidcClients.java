package dev.bulwark.platform.identity;

import dev.bulwark.platform.logs.ElasticLicense;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OIDC clients of the platform: one per UI that is enabled and can sign in through one, plus
 * the Bulwark console and kubelogin for the Kubernetes API. Redirect URIs follow each UI's
 * documented callback path.
 */
public final class OidcClients {

  public static final String ARGO_CD = "argo-cd";
  public static final String GRAFANA = "grafana";
  public static final String KIBANA = "kibana";
  public static final String HARBOR = "harbor";
  public static final String CONSOLE = "bulwark-console";
  public static final String KUBELOGIN = "kubelogin";

  private OidcClients() {}

  public static List<OidcClient> of(Stack stack) {
    List<OidcClient> clients = new ArrayList<>();
    if (stack.has("gitops")) {
      clients.add(ui(stack, ARGO_CD, "Argo CD", "argocd", "/auth/callback"));
    }
    if (stack.has("metrics")) {
      clients.add(ui(stack, GRAFANA, "Grafana", Hosts.GRAFANA, "/login/generic_oauth"));
    }
    // Kibana signs in through Elasticsearch's OIDC realm, which only a paid licence has.
    if (ElasticLicense.of(stack).singleSignOn()) {
      clients.add(ui(stack, KIBANA, "Kibana", Hosts.KIBANA, "/api/security/oidc/callback"));
    }
    if (stack.has("registry")) {
      clients.add(ui(stack, HARBOR, "Harbor", Hosts.HARBOR, "/c/oidc/callback"));
    }
    clients.add(ui(stack, CONSOLE, "Bulwark console", Hosts.CONSOLE, "/oauth2/callback"));
    clients.add(
        new OidcClient(
            KUBELOGIN,
            "Kubernetes API (kubelogin)",
            "http://localhost:8000",
            List.of("http://localhost:8000", "http://localhost:18000"),
            false));
    return List.copyOf(clients);
  }

  public static Optional<OidcClient> find(Stack stack, String clientId) {
    return of(stack).stream().filter(c -> c.clientId().equals(clientId)).findFirst();
  }

  /** The client of a UI that the caller knows is enabled. */
  public static OidcClient require(Stack stack, String clientId) {
    return find(stack, clientId)
        .orElseThrow(() -> new IllegalStateException("no OIDC client " + clientId));
  }

  private static OidcClient ui(
      Stack stack, String clientId, String name, String hostName, String callback) {
    String base = "https://" + stack.host(hostName);
    return new OidcClient(clientId, name, base, List.of(base + callback), true);
  }
}
