package dev.bulwark.render.tenancy;

import static dev.bulwark.render.TestSpecs.platform;
import static dev.bulwark.render.TestSpecs.spec;
import static dev.bulwark.render.TestSpecs.tenant;
import static dev.bulwark.render.tenancy.TenancyUnitTest.all;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.DesiredState;
import dev.bulwark.render.Renderer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rights per environment: production is read-only for developers, with a break-glass Role. */
class ProductionRightsTest {

  private static final List<String> WRITE_VERBS =
      List.of("create", "update", "patch", "delete", "deletecollection");

  private final Renderer renderer = new Renderer(List.of(new TenancyUnit()));

  private DesiredState render(Tenant tenant) {
    return renderer.render(spec(platform("acme.example.com"), List.of(tenant)));
  }

  private static Optional<Role> role(DesiredState state, String namespace, String name) {
    return all(state, Role.class).stream()
        .filter(
            r ->
                r.getMetadata().getNamespace().equals(namespace)
                    && r.getMetadata().getName().equals(name))
        .findFirst();
  }

  private static boolean grants(Role role, String resource, String verb) {
    return role.getRules().stream()
        .anyMatch(r -> r.getResources().contains(resource) && r.getVerbs().contains(verb));
  }

  @Test
  void developersOnlyReadInProductionWithoutSecretsOrExec() {
    DesiredState state = render(tenant("payments", "dev", "prod"));
    Role prod = role(state, "payments-prod", "bulwark-developer").orElseThrow();
    for (PolicyRule rule : prod.getRules()) {
      assertThat(rule.getVerbs())
          .as("%s", rule.getResources())
          .doesNotContainAnyElementsOf(WRITE_VERBS);
    }
    assertThat(grants(prod, "secrets", "get")).isFalse();
    assertThat(grants(prod, "pods/exec", "create")).isFalse();
    assertThat(grants(prod, "pods", "get")).isTrue();
    Role dev = role(state, "payments-dev", "bulwark-developer").orElseThrow();
    assertThat(grants(dev, "pods/exec", "create")).isTrue();
    assertThat(grants(dev, "secrets", "create")).isTrue();
  }

  @Test
  void theBreakGlassRoleIsUnboundAndNoMoreThanTheOwnersHold() {
    DesiredState state = render(tenant("payments", "dev", "prod"));
    assertThat(role(state, "payments-dev", TenantRbac.BREAK_GLASS)).isEmpty();
    Role breakGlass = role(state, "payments-prod", TenantRbac.BREAK_GLASS).orElseThrow();
    Role owner = role(state, "payments-prod", "bulwark-owner").orElseThrow();
    assertThat(grants(breakGlass, "pods/exec", "create")).isTrue();
    assertThat(grants(breakGlass, "roles", "create")).isFalse();
    // Kubernetes lets an owner bind only what the owner holds.
    assertThat(owner.getRules()).containsAll(breakGlass.getRules());
    assertThat(all(state, RoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().equals(TenantRbac.BREAK_GLASS));
  }

  @Test
  void productionFollowsTheNameUnlessTheSpecSaysOtherwise() {
    Tenant shop = tenant("shop", "prod", "live", "production");
    shop.getSpec().getEnvironments().get(0).setProduction(false);
    shop.getSpec().getEnvironments().get(1).setProduction(true);
    DesiredState state = render(shop);
    assertThat(
            grants(role(state, "shop-prod", "bulwark-developer").orElseThrow(), "pods", "create"))
        .isTrue();
    assertThat(
            grants(role(state, "shop-live", "bulwark-developer").orElseThrow(), "pods", "create"))
        .isFalse();
    assertThat(
            grants(
                role(state, "shop-production", "bulwark-developer").orElseThrow(),
                "pods",
                "create"))
        .isFalse();
    assertThat(all(state, Namespace.class))
        .filteredOn(n -> "true".equals(n.getMetadata().getLabels().get("bulwark.dev/production")))
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("shop-live", "shop-production");
  }

  @Test
  void everyRenderedNetworkPolicyIsLabelledAsTheFloor() {
    Tenant payments = tenant("payments", "dev");
    payments.getSpec().getNetwork().setEgressCIDRs(List.of("203.0.113.0/24"));
    List<NetworkPolicy> policies = all(render(payments), NetworkPolicy.class);
    assertThat(policies).hasSizeGreaterThan(4);
    assertThat(policies)
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getLabels()).containsEntry("bulwark.dev/floor", "true"));
  }
}
