package dev.bulwark.platform.pipeline;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.render.Ownership;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity an application built by the tenant's own CI ({@code ci: external}) promotes with
 * (ADR 0041): a ServiceAccount {@code <app>-promoter} in the tenant's CI namespace and a Role there
 * granting exactly {@code create} on the virtual subresource {@code applications/promote} of that
 * one application, which the operator's promotion endpoint checks with a SubjectAccessReview. The
 * CI obtains a short-lived token for it ({@code kubectl create token}); the account mounts none
 * into pods, as no pod runs as it.
 */
final class Promoters {

  static final String SUFFIX = "-promoter";
  static final String GROUP = "bulwark.dev";
  static final String SUBRESOURCE = "applications/promote";

  private Promoters() {}

  static List<HasMetadata> objects(String namespace, Application app) {
    String appName = app.getMetadata().getName();
    String name = appName + SUFFIX;
    Map<String, String> labels = new TreeMap<>(Ownership.platform());
    labels.put(BulwarkLabels.APPLICATION, appName);
    return List.of(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(false)
            .build(),
        new RoleBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .addNewRule()
            .withApiGroups(GROUP)
            .withResources(SUBRESOURCE)
            .withResourceNames(appName)
            .withVerbs("create")
            .endRule()
            .build(),
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(name)
            .withNamespace(namespace)
            .endSubject()
            .build());
  }
}
