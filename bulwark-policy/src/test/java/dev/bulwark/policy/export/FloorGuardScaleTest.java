package dev.bulwark.policy.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.testkit.cluster.LeftBehind;
import dev.bulwark.testkit.cluster.RealApiServer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant floor's guard lists every tenant identity, and the API server refuses an expression of
 * more than 100,000 code points: a platform of 1,000 tenants (5,000 identities, about 140,000 code
 * points) first met that limit in the operator's 10,000-application benchmark. The list is now cut
 * into several variables; this shows the API server accepts the policy at that size and that an
 * identity in any part is refused while others pass.
 */
@RealApiServer
class FloorGuardScaleTest {

  private static final String NAMESPACE = "t999-prod";
  private static final Map<String, String> LABELS =
      Map.of("app.kubernetes.io/managed-by", "bulwark");

  /** The identities {@code FloorGuard.identities} gives for tenants t0 … t{n-1}, sorted. */
  static List<String> identities(int tenants) {
    TreeSet<String> groups = new TreeSet<>();
    for (int t = 0; t < tenants; t++) {
      for (String role : List.of("owners", "developers", "viewers")) {
        groups.add("oidc:t" + t + "-" + role);
      }
      for (String environment : List.of("dev", "prod")) {
        groups.add("system:serviceaccounts:t" + t + "-" + environment);
      }
    }
    return List.copyOf(groups);
  }

  @AfterAll
  static void cleanUp(KubernetesClient admin) {
    LeftBehind.removeBulwarkAdmissionPolicies(admin);
    LeftBehind.removeNamespaces(admin, Duration.ofMinutes(1), NAMESPACE);
  }

  @Test
  void aThousandTenantsIdentitiesAreCutIntoListsBelowTheLimitKeepingEveryOneInOrder() {
    List<String> identities = identities(1_000);
    List<String> parts = FloorGuard.listLiterals(identities);

    assertThat(String.join(", ", identities).length()).isGreaterThan(100_000);
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts)
        .allSatisfy(
            p ->
                assertThat(p.codePointCount(0, p.length()))
                    .isLessThanOrEqualTo(FloorGuard.PART_CODE_POINTS));
    List<String> back = new ArrayList<>();
    for (String part : parts) {
      assertThat(part).startsWith("['").endsWith("']");
      back.addAll(Arrays.asList(part.substring(2, part.length() - 2).split("', '")));
    }
    assertThat(back).isEqualTo(identities);
    assertThat(FloorGuard.listLiterals(List.of())).containsExactly("[]");
    assertThat(FloorGuard.listLiterals(identities(10))).hasSize(1);
  }

  @Test
  void theApiServerAcceptsTheGuardOfAThousandTenantsAndItRefusesAnyPartsIdentity(
      KubernetesClient admin, Config adminConfig) throws InterruptedException {
    var policy = FloorGuard.policy(identities(1_000), LABELS);
    assertThat(policy.getSpec().getVariables()).hasSizeGreaterThan(1);
    admin
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels(BulwarkLabels.TENANT, "t999")
                .endMetadata()
                .build())
        .serverSideApply();
    admin
        .resource(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName("bulwark-default-deny")
                .withNamespace(NAMESPACE)
                .addToLabels(BulwarkLabels.FLOOR, "true")
                .endMetadata()
                .withNewSpec()
                .withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress")
                .endSpec()
                .build())
        .serverSideApply();
    // RBAC lets all three groups delete NetworkPolicies here, so what refuses is the guard alone
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("netpol-admin")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addNewRule()
                .withApiGroups("networking.k8s.io")
                .withResources("networkpolicies")
                .withVerbs("get", "delete")
                .endRule()
                .build())
        .serverSideApply();
    List<Subject> subjects = new ArrayList<>();
    for (String group : List.of("oidc:t0-owners", "oidc:t999-owners", "oidc:platform-admins")) {
      subjects.add(new Subject("rbac.authorization.k8s.io", "Group", group, null));
    }
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("netpol-admin")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "netpol-admin")
                .withSubjects(subjects)
                .build())
        .serverSideApply();

    admin.resource(policy).serverSideApply();
    admin.resource(FloorGuard.binding(LABELS)).serverSideApply();

    // t0's group is in the first list, t999's in the last
    for (String group : List.of("oidc:t0-owners", "oidc:t999-owners")) {
      try (KubernetesClient member = as(adminConfig, group)) {
        var floor =
            member
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(NAMESPACE)
                .withName("bulwark-default-deny");
        assertThat(
                AdmissionWait.awaitDenied(() -> floor.dryRun().delete(), group + " deleting")
                    .getMessage())
            .contains(FloorGuard.NAME);
      }
    }
    try (KubernetesClient platformAdmin = as(adminConfig, "oidc:platform-admins")) {
      assertThat(
              platformAdmin
                  .network()
                  .v1()
                  .networkPolicies()
                  .inNamespace(NAMESPACE)
                  .withName("bulwark-default-deny")
                  .dryRun()
                  .delete())
          .isNotEmpty();
    }
  }

  private static KubernetesClient as(Config admin, String group) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(admin)
                .withImpersonateUsername("member-of-" + group)
                .withImpersonateGroups(group, "system:authenticated")
                .build())
        .build();
  }
}
