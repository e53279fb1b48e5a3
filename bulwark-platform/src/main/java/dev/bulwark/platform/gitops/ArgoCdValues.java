package dev.bulwark.platform.gitops;

import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.Install;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.Values;
import dev.bulwark.render.model.TenantModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Argo CD's Helm values, shared by the self-managing Application and the bootstrap install so that
 * Argo CD taking over its own release changes nothing.
 */
public final class ArgoCdValues {

  private ArgoCdValues() {}

  public static Map<String, Object> of(Stack stack) {
    OidcClient client = OidcClients.require(stack, OidcClients.ARGO_CD);
    String url = "https://" + stack.host(Hosts.ARGO_CD);
    Map<String, Object> cm =
        Values.map(
            "url",
            url,
            // Argo CD reads "$<secret>:<key>" from a Secret labelled part-of argocd: the client
            // secret never appears in the values.
            "oidc.config",
            String.join(
                "\n",
                "name: Bulwark SSO",
                "issuer: " + stack.issuerUrl(),
                "clientID: " + client.clientId(),
                "clientSecret: $" + client.secretName() + ":" + OidcClient.SECRET_KEY,
                "requestedScopes: [openid, profile, email, groups]",
                ""),
            "admin.enabled",
            false,
            // Since Argo CD 1.8 an Application's health is not assessed by default; the app of apps
            // needs it so that sync waves wait for each component to be healthy.
            "resource.customizations.health.argoproj.io_Application",
            String.join(
                "\n",
                "hs = {}",
                "hs.status = \"Progressing\"",
                "hs.message = \"\"",
                "if obj.status ~= nil and obj.status.health ~= nil then",
                "  hs.status = obj.status.health.status",
                "  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end",
                "end",
                "return hs",
                ""));
    return Values.map(
        "global", Values.map("domain", stack.host(Hosts.ARGO_CD)),
        "configs",
            Values.map(
                "cm", cm,
                "params", Values.map("server.insecure", true),
                "rbac",
                    Values.map(
                        "policy.default", "", "scopes", "[groups]", "policy.csv", rbac(stack)),
                "repositories", ociRepositories(stack)),
        "server", Values.map("ingress", Values.map("enabled", false)),
        "dex", Values.map("enabled", false));
  }

  /** Platform admins administer Argo CD; tenant groups get their project's roles. */
  private static String rbac(Stack stack) {
    StringBuilder csv = new StringBuilder();
    csv.append("g, ").append(stack.platform().adminGroup()).append(", role:admin\n");
    for (TenantModel tenant : stack.tenants()) {
      for (String group : tenant.ownerGroups()) {
        csv.append("g, ").append(group).append(", proj:").append(tenant.name()).append(":owner\n");
      }
      for (String group : tenant.developerGroups()) {
        csv.append("g, ")
            .append(group)
            .append(", proj:")
            .append(tenant.name())
            .append(":developer\n");
      }
      for (String group : tenant.viewerGroups()) {
        csv.append("g, ").append(group).append(", proj:").append(tenant.name()).append(":viewer\n");
      }
    }
    return csv.toString();
  }

  /** Every OCI chart registry the platform's components come from, registered for Helm. */
  private static Map<String, Object> ociRepositories(Stack stack) {
    Map<String, Object> repositories = new TreeMap<>();
    stack.components().values().stream()
        .flatMap(c -> c.installs().stream())
        .filter(i -> i.type().equals("oci"))
        .forEach(
            i ->
                repositories.put(
                    i.component(),
                    Values.map(
                        "name",
                        i.component(),
                        "type",
                        "helm",
                        "enableOCI",
                        "true",
                        "url",
                        ComponentApplication.helmRepository(i))));
    return repositories;
  }

  static List<Install> installs(Stack stack) {
    return stack.require("gitops").installs();
  }
}
