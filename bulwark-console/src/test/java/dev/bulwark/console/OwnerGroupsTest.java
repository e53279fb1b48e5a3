package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.render.DesiredObject;
import dev.bulwark.render.Renderer;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.spec.LoadResult;
import dev.bulwark.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The console's approvals compare groups as bound, the same way as {@code bulwark approve}: the
 * owner groups of every application's target are exactly the groups the tenant's owner RoleBindings
 * bind, with the platform's OIDC group prefix, so the approver's groups, as the API server reports
 * them, match them without being stripped.
 */
class OwnerGroupsTest {

  @Test
  void approvalOwnersAreTheGroupsTheTenantsOwnerRoleBindingsBind() {
    LoadResult loaded =
        SpecLoader.load(List.of(SharedData.repoDir().resolve("examples/acme").toString()));
    assertThat(loaded.errors()).isEmpty();
    BulwarkSpec spec = loaded.spec();
    String prefix = PlatformModel.from(spec.platform()).groupPrefix();
    assertThat(prefix).as("acme's platform prefixes OIDC groups").isNotEmpty();
    Delivery delivery = new Delivery(Optional.empty(), prefix, null);
    List<DesiredObject> rendered = Renderer.standard().render(spec).objects();

    int checked = 0;
    for (Application app : spec.applications()) {
      Tenant tenant = spec.tenant(app.getSpec().getTenant()).orElseThrow();
      var target = delivery.boundTarget(app, tenant);
      if (target.isEmpty()) {
        continue;
      }
      assertThat(new TreeSet<>(target.get().owners()))
          .as("owners of %s", target.get().qualifiedName())
          .isEqualTo(ownerGroupsBound(rendered, tenant.getMetadata().getName()))
          .allMatch(g -> g.startsWith(prefix));
      checked++;
    }
    assertThat(checked).as("applications with an image in acme").isPositive();
  }

  /** The groups the tenant's RoleBindings of bulwark-owner bind. */
  private static TreeSet<String> ownerGroupsBound(List<DesiredObject> rendered, String tenant) {
    TreeSet<String> groups = new TreeSet<>();
    for (DesiredObject object : rendered) {
      if (object.tenant().equals(tenant)
          && object.object() instanceof RoleBinding binding
          && binding.getRoleRef().getName().equals("bulwark-owner")) {
        binding.getSubjects().stream()
            .filter(s -> s.getKind().equals("Group"))
            .map(Subject::getName)
            .forEach(groups::add);
      }
    }
    assertThat(groups).as("owner groups bound in tenant " + tenant).isNotEmpty();
    return groups;
  }
}
