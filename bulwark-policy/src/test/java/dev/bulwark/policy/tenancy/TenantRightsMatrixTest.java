package dev.bulwark.policy.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every tenant role × resource × verb × namespace (the tenant's development and production
 * namespaces, another tenant's, and the GitOps namespace) asked of a real API server's authorizer
 * with a SubjectAccessReview, after the example platform's tenancy is applied. The intended rights
 * are stated below from ADR 0029, not read back from the render; the table is printed.
 */
@RealApiServer
class TenantRightsMatrixTest {

  private static final boolean Y = true;
  private static final boolean N = false;

  private static final String OWN_DEV = "payments-dev";
  private static final String OWN_PROD = "payments-prod";
  private static final String OTHER_TENANT = "web-prod";
  private static final String GITOPS = "argocd";

  private static final List<String> ROLES =
      List.of(AcmeTenancy.OWNER, AcmeTenancy.DEVELOPER, AcmeTenancy.VIEWER);

  /**
   * One row: a resource and verb, and whether each role may, in the tenant's dev and prod
   * namespaces (owner, developer, viewer). In another tenant's namespace nobody may anything, and
   * rows with a fixed namespace expect the same answer in every column.
   */
  record Row(String namespace, String group, String resource, String verb, boolean... allowed) {

    static Row of(String group, String resource, String verb, boolean... devProdPerRole) {
      return new Row(null, group, resource, verb, devProdPerRole);
    }

    boolean expected(int role, String ns) {
      if (ns.equals(OTHER_TENANT) || namespace != null) {
        return false;
      }
      return allowed[2 * role + (ns.equals(OWN_DEV) ? 0 : 1)];
    }
  }

  // The intended rights (ADR 0029), columns: owner dev/prod, developer dev/prod, viewer dev/prod.
  static final List<Row> ROWS =
      List.of(
          Row.of("", "pods", "list", Y, Y, Y, Y, Y, Y),
          Row.of("", "pods", "create", Y, Y, Y, N, N, N),
          Row.of("", "pods/exec", "create", Y, Y, Y, N, N, N),
          Row.of("", "pods/attach", "create", N, N, N, N, N, N),
          Row.of("", "pods/portforward", "create", Y, Y, Y, N, N, N),
          Row.of("", "secrets", "get", Y, Y, Y, N, N, N),
          Row.of("", "secrets", "list", Y, Y, Y, N, N, N),
          Row.of("", "secrets", "create", Y, Y, Y, N, N, N),
          Row.of("", "configmaps", "update", Y, Y, Y, N, N, N),
          Row.of("apps", "deployments", "create", Y, Y, Y, N, N, N),
          Row.of("apps", "deployments", "get", Y, Y, Y, Y, Y, Y),
          Row.of("rbac.authorization.k8s.io", "roles", "create", Y, Y, N, N, N, N),
          Row.of("rbac.authorization.k8s.io", "rolebindings", "create", Y, Y, N, N, N, N),
          Row.of("rbac.authorization.k8s.io", "rolebindings", "list", Y, Y, Y, Y, Y, Y),
          Row.of("", "resourcequotas", "get", Y, Y, Y, Y, Y, Y),
          Row.of("", "resourcequotas", "update", N, N, N, N, N, N),
          Row.of("", "limitranges", "delete", N, N, N, N, N, N),
          Row.of("networking.k8s.io", "networkpolicies", "list", Y, Y, Y, Y, Y, Y),
          Row.of("networking.k8s.io", "networkpolicies", "create", Y, Y, N, N, N, N),
          // RBAC allows the owner's delete; the floor's admission policy guards Bulwark's own.
          Row.of("networking.k8s.io", "networkpolicies", "delete", Y, Y, N, N, N, N),
          Row.of("external-secrets.io", "externalsecrets", "create", Y, Y, Y, N, N, N),
          Row.of("external-secrets.io", "externalsecrets", "get", Y, Y, Y, Y, Y, Y),
          Row.of("external-secrets.io", "secretstores", "create", N, N, N, N, N, N),
          Row.of("external-secrets.io", "secretstores", "update", N, N, N, N, N, N),
          Row.of("gateway.networking.k8s.io", "httproutes", "create", Y, Y, Y, N, N, N),
          Row.of("gateway.networking.k8s.io", "grpcroutes", "create", Y, Y, Y, N, N, N),
          Row.of("bulwark.dev", "applications", "update", Y, Y, Y, N, N, N),
          new Row(GITOPS, "argoproj.io", "applications", "create"),
          new Row(GITOPS, "argoproj.io", "applications", "update"),
          new Row(GITOPS, "argoproj.io", "appprojects", "update"),
          new Row(GITOPS, "", "secrets", "get"));

  @AfterAll
  static void removeAdmissionPolicies(KubernetesClient admin) {
    LeftBehind.removeBulwarkAdmissionPolicies(admin);
  }

  @Test
  void everyCellIsAsIntended(KubernetesClient admin) {
    PlatformModel platform = AcmeTenancy.apply(admin);
    List<String> namespaces = List.of(OWN_DEV, OWN_PROD, OTHER_TENANT);
    StringBuilder table = new StringBuilder();
    table.append(String.format("%-52s", "resource verb (namespace)"));
    for (String role : ROLES) {
      for (String ns : namespaces) {
        table.append(String.format(" %-10s", shortRole(role) + "@" + shortNs(ns)));
      }
    }
    table.append('\n');
    List<String> wrong = new ArrayList<>();
    for (Row row : ROWS) {
      String label =
          (row.group().isEmpty() ? "" : row.group() + "/")
              + row.resource()
              + " "
              + row.verb()
              + (row.namespace() == null ? "" : " (" + row.namespace() + ")");
      table.append(String.format("%-52s", label));
      for (int r = 0; r < ROLES.size(); r++) {
        for (String ns : namespaces) {
          String where = row.namespace() == null ? ns : row.namespace();
          boolean actual = allowed(admin, platform, ROLES.get(r), where, row);
          boolean expected = row.expected(r, ns);
          table.append(
              String.format(
                  " %-10s", (actual ? "allow" : "deny") + (actual == expected ? "" : " (!)")));
          if (actual != expected) {
            wrong.add(
                ROLES.get(r)
                    + " "
                    + label
                    + " in "
                    + where
                    + ": "
                    + (actual ? "allowed" : "denied"));
          }
        }
      }
      table.append('\n');
    }
    System.out.println("Tenant rights on the real API server, (!) = not as intended:\n" + table);
    assertThat(wrong).as(table.toString()).isEmpty();
  }

  private static boolean allowed(
      KubernetesClient admin, PlatformModel platform, String group, String ns, Row row) {
    String[] resource = row.resource().split("/", 2);
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser("member-of-" + group)
            .withGroups(platform.groupPrefix() + group, "system:authenticated")
            .withNewResourceAttributes()
            .withNamespace(ns)
            .withGroup(row.group())
            .withResource(resource[0])
            .withSubresource(resource.length > 1 ? resource[1] : null)
            .withVerb(row.verb())
            .endResourceAttributes()
            .endSpec()
            .build();
    return admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
  }

  private static String shortRole(String group) {
    return group.substring(group.indexOf('-') + 1, group.indexOf('-') + 4);
  }

  private static String shortNs(String ns) {
    return ns.equals(OTHER_TENANT) ? "web" : ns.substring(ns.indexOf('-') + 1);
  }
}
