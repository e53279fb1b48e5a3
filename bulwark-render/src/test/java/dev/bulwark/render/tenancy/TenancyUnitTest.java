package dev.bulwark.render.tenancy;

import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.DistributionSpec;
import dev.bulwark.api.v1alpha1.PolicyLevel;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenancyUnitTest {

  private static final VerbSet WRITE_VERBS =
      new VerbSet(List.of("create", "update", "patch", "delete", "deletecollection"));

  private record VerbSet(List<String> verbs) {
    boolean any(List<String> other) {
      return other.stream().anyMatch(verbs::contains);
    }
  }

  private final Renderer renderer = new Renderer(List.of(new TenancyUnit()));

  private DesiredState render(Tenant... tenants) {
    BulwarkSpec spec = spec(platform("acme.example.com"), List.of(tenants));
    return renderer.render(spec);
  }

  static <T extends HasMetadata> List<T> all(DesiredState state, Class<T> type) {
    return state.objects().stream()
        .map(DesiredObject::object)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private static Role role(DesiredState state, String namespace, String name) {
    return all(state, Role.class).stream()
        .filter(
            r ->
                r.getMetadata().getNamespace().equals(namespace)
                    && r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachEnvironmentGetsANamespaceWithPodSecurityAtTheTenantsLevel() {
    Tenant payments = tenant("payments", "dev", "prod");
    payments.getSpec().setPolicyLevel(PolicyLevel.BASELINE);
    DesiredState state = render(payments);
    List<Namespace> namespaces = all(state, Namespace.class);
    assertThat(namespaces)
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("payments-dev", "payments-prod");
    for (Namespace ns : namespaces) {
      Map<String, String> labels = ns.getMetadata().getLabels();
      assertThat(labels)
          .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
          .containsEntry("pod-security.kubernetes.io/audit", "baseline")
          .containsEntry("pod-security.kubernetes.io/warn", "baseline")
          .containsEntry("bulwark.dev/tenant", "payments")
          .containsEntry("app.kubernetes.io/managed-by", "bulwark")
          .containsEntry("bulwark.dev/capability", "tenancy");
    }
  }

  @Test
  void policyLevelDefaultsToRestrictedAndAnEnvironmentMayOverrideIt() {
    Tenant web = tenant("web", "dev", "prod");
    web.getSpec().getEnvironments().get(0).setPolicyLevel(PolicyLevel.BASELINE);
    DesiredState state = render(web);
    assertThat(all(state, Namespace.class))
        .extracting(n -> n.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))
        .containsExactly("baseline", "restricted");
  }

  @Test
  void noRuleUsesAWildcard() {
    DesiredState state = render(tenant("payments", "dev"));
    for (Role role : all(state, Role.class)) {
      for (PolicyRule rule : role.getRules()) {
        assertThat(rule.getVerbs()).as(role.getMetadata().getName()).doesNotContain("*");
        assertThat(rule.getResources()).as(role.getMetadata().getName()).doesNotContain("*");
        assertThat(rule.getApiGroups()).as(role.getMetadata().getName()).doesNotContain("*");
        assertThat(rule.getVerbs()).doesNotContain("escalate", "bind", "impersonate");
      }
    }
  }

  @Test
  void viewerCannotReadSecrets() {
    Role viewer = role(render(tenant("payments", "dev")), "payments-dev", "bulwark-viewer");
    assertThat(viewer.getRules()).noneMatch(r -> r.getResources().contains("secrets"));
    assertThat(viewer.getRules()).allMatch(r -> !WRITE_VERBS.any(r.getVerbs()));
  }

  @Test
  void developerCannotChangeRbacQuotasOrNetworkPolicies() {
    Role developer = role(render(tenant("payments", "dev")), "payments-dev", "bulwark-developer");
    List<String> guarded =
        List.of("roles", "rolebindings", "resourcequotas", "limitranges", "networkpolicies");
    for (PolicyRule rule : developer.getRules()) {
      if (rule.getResources().stream().anyMatch(guarded::contains)) {
        assertThat(WRITE_VERBS.any(rule.getVerbs()))
            .as("developer may change %s", rule.getResources())
            .isFalse();
      }
    }
    assertThat(developer.getRules())
        .anyMatch(r -> r.getResources().contains("secrets") && r.getVerbs().contains("create"));
  }

  @Test
  void ownersMayManageRbacAndNetworkPoliciesButNotQuotas() {
    Role owner = role(render(tenant("payments", "dev")), "payments-dev", "bulwark-owner");
    assertThat(owner.getRules())
        .anyMatch(
            r -> r.getResources().contains("rolebindings") && r.getVerbs().contains("create"));
    assertThat(owner.getRules())
        .anyMatch(
            r -> r.getResources().contains("networkpolicies") && r.getVerbs().contains("update"));
    assertThat(owner.getRules())
        .noneMatch(
            r -> r.getResources().contains("resourcequotas") && WRITE_VERBS.any(r.getVerbs()));
  }

  @Test
  void rolesAreBoundToTheTenantsGroupsWithTheIdentityPrefix() {
    Tenant payments = tenant("payments", "dev");
    payments.getSpec().getGroups().setDevelopers(List.of("pay-devs", "contractors"));
    DesiredState state = render(payments);
    Map<String, List<String>> subjects = new java.util.TreeMap<>();
    for (RoleBinding b : all(state, RoleBinding.class)) {
      subjects.put(
          b.getMetadata().getName(),
          b.getSubjects().stream().map(s -> s.getKind() + ":" + s.getName()).toList());
    }
    assertThat(subjects)
        .containsEntry("bulwark-owner", List.of("Group:oidc:payments-owners"))
        .containsEntry(
            "bulwark-developer", List.of("Group:oidc:pay-devs", "Group:oidc:contractors"))
        .containsEntry("bulwark-viewer", List.of("Group:oidc:payments-viewers"))
        .containsEntry("bulwark-pipeline", List.of("ServiceAccount:bulwark-pipeline"));
  }

  @Test
  void thePipelineAccountPullsWithTheRegistrySecret() {
    DesiredState state = render(tenant("payments", "dev", "prod"));
    List<io.fabric8.kubernetes.api.model.ServiceAccount> accounts =
        all(state, io.fabric8.kubernetes.api.model.ServiceAccount.class);
    assertThat(accounts)
        .extracting(a -> a.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("payments-dev", "payments-prod");
    assertThat(accounts)
        .allSatisfy(
            a ->
                assertThat(a.getImagePullSecrets())
                    .extracting(r -> r.getName())
                    .containsExactly(TenancyUnit.REGISTRY_PULL_SECRET));
  }

  @Test
  void quotaComesFromTheTenantAndTheEnvironmentOverride() {
    Tenant payments = tenant("payments", "dev", "prod");
    var quota = new dev.bulwark.api.v1alpha1.TenantSpec.QuotaSpec();
    quota.setCpu("8");
    payments.getSpec().setQuota(quota);
    var prodQuota = new dev.bulwark.api.v1alpha1.TenantSpec.QuotaSpec();
    prodQuota.setMemory("64Gi");
    payments.getSpec().getEnvironments().get(1).setQuota(prodQuota);
    List<ResourceQuota> quotas = all(render(payments), ResourceQuota.class);
    assertThat(quotas.get(0).getSpec().getHard().get("requests.cpu").toString()).isEqualTo("8");
    assertThat(quotas.get(0).getSpec().getHard().get("requests.memory").toString())
        .isEqualTo("8Gi");
    assertThat(quotas.get(1).getSpec().getHard().get("requests.cpu").toString()).isEqualTo("8");
    assertThat(quotas.get(1).getSpec().getHard().get("requests.memory").toString())
        .isEqualTo("64Gi");
    assertThat(quotas.get(1).getSpec().getHard().get("services.nodeports").toString())
        .isEqualTo("0");
  }

  @Test
  void ephemeralStorageIsQuotedAndEveryContainerLimited() {
    Tenant payments = tenant("payments", "dev", "prod");
    var prodQuota = new dev.bulwark.api.v1alpha1.TenantSpec.QuotaSpec();
    prodQuota.setEphemeralStorage("40Gi");
    payments.getSpec().getEnvironments().get(1).setQuota(prodQuota);
    DesiredState state = render(payments);
    List<ResourceQuota> quotas = all(state, ResourceQuota.class);
    assertThat(quotas.get(0).getSpec().getHard().get("requests.ephemeral-storage").toString())
        .isEqualTo("20Gi");
    assertThat(quotas.get(1).getSpec().getHard().get("requests.ephemeral-storage").toString())
        .isEqualTo("40Gi");
    for (var limits : all(state, io.fabric8.kubernetes.api.model.LimitRange.class)) {
      var container = limits.getSpec().getLimits().get(0);
      assertThat(container.getDefault().get("ephemeral-storage").toString()).isEqualTo("1Gi");
      assertThat(container.getDefaultRequest().get("ephemeral-storage").toString())
          .isEqualTo("100Mi");
    }
  }

  @Test
  void onOpenShiftDnsIsOpenedToItsDnsOperatorsPodsOnTheirOwnPort() {
    var platform = platform("acme.example.com");
    platform.getSpec().getDistribution().setName(DistributionSpec.Name.OPENSHIFT);
    DesiredState state = renderer.render(spec(platform, List.of(tenant("payments", "dev"))));
    NetworkPolicy dns =
        all(state, NetworkPolicy.class).stream()
            .filter(p -> p.getMetadata().getName().equals("bulwark-allow-dns"))
            .findFirst()
            .orElseThrow();
    var egress = dns.getSpec().getEgress().get(0);
    assertThat(egress.getTo().get(0).getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "openshift-dns"));
    assertThat(egress.getTo().get(0).getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("dns.operator.openshift.io/daemonset-dns", "default"));
    assertThat(egress.getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactly("UDP/5353", "TCP/5353");
  }

  @Test
  void networkIsDeniedByDefaultWithTheNeededOpenings() {
    DesiredState state = render(tenant("payments", "dev"));
    Map<String, NetworkPolicy> policies = new java.util.TreeMap<>();
    all(state, NetworkPolicy.class).forEach(p -> policies.put(p.getMetadata().getName(), p));
    assertThat(policies)
        .containsOnlyKeys(
            "bulwark-default-deny",
            "bulwark-allow-dns",
            "bulwark-allow-same-environment",
            "bulwark-allow-from-gateway",
            "bulwark-allow-from-monitoring");
    NetworkPolicy deny = policies.get("bulwark-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isEmpty();
    assertThat(deny.getSpec().getEgress()).isEmpty();
    assertThat(
            policies
                .get("bulwark-allow-dns")
                .getSpec()
                .getEgress()
                .get(0)
                .getTo()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "kube-system");
    assertThat(
            policies
                .get("bulwark-allow-from-gateway")
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "bulwark-gateway");
    assertThat(
            policies
                .get("bulwark-allow-from-monitoring")
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "bulwark-monitoring");
  }

  @Test
  void egressCidrsOpenOnlyWhenAsked() {
    Tenant payments = tenant("payments", "dev");
    payments.getSpec().getNetwork().setEgressCIDRs(List.of("203.0.113.0/24"));
    assertThat(all(render(payments), NetworkPolicy.class))
        .anyMatch(
            p ->
                p.getMetadata().getName().equals("bulwark-allow-egress-cidrs")
                    && p.getSpec()
                        .getEgress()
                        .get(0)
                        .getTo()
                        .get(0)
                        .getIpBlock()
                        .getCidr()
                        .equals("203.0.113.0/24"));
  }

  @Test
  void everyObjectCarriesTheOwnershipLabels() {
    for (DesiredObject o : render(tenant("payments", "dev", "prod")).objects()) {
      assertThat(o.object().getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "bulwark")
          .containsEntry("bulwark.dev/tenant", "payments")
          .containsEntry("bulwark.dev/capability", "tenancy")
          .containsKey("bulwark.dev/environment");
    }
  }
}
