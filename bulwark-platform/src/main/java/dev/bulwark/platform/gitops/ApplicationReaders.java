package dev.bulwark.platform.gitops;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A tenant's owners may read their own applications' Argo CD Applications, and no other tenant's:
 * {@code bulwark approve} and the promotion rules read the environment before the one promoted to,
 * with the approver's own identity (ADR 0041). A Role in the GitOps namespace grants {@code get} on
 * exactly those Applications by name ({@code <tenant>-<application>-<environment>}, every
 * environment of every application); a tenant without applications gets none, as a rule without
 * names would grant every Application.
 */
final class ApplicationReaders {

  private ApplicationReaders() {}

  static List<HasMetadata> of(Stack stack, TenantModel tenant) {
    TreeSet<String> names = new TreeSet<>();
    for (Application app : tenant.applications()) {
      for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
        names.add(Names.label(tenant.name(), app.getMetadata().getName(), env.name()));
      }
    }
    if (names.isEmpty() || tenant.ownerGroups().isEmpty()) {
      return List.of();
    }
    String name = Names.label(tenant.name(), "application-readers");
    String namespace = stack.argoCdNamespace();
    List<Subject> owners =
        tenant.ownerGroups().stream()
            .map(
                g ->
                    new SubjectBuilder()
                        .withKind("Group")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName(stack.platform().groupPrefix() + g)
                        .build())
            .toList();
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new RoleBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Ownership.tenant(tenant.name()))
            .endMetadata()
            .withRules(
                new PolicyRuleBuilder()
                    .withApiGroups("argoproj.io")
                    .withResources("applications")
                    .withVerbs("get")
                    .withResourceNames(List.copyOf(names))
                    .build())
            .build());
    objects.add(
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(Ownership.tenant(tenant.name()))
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("Role")
            .withName(name)
            .endRoleRef()
            .withSubjects(owners)
            .build());
    return objects;
  }
}
