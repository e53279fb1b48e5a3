package dev.bulwark.render.tenancy;

import static dev.bulwark.render.tenancy.TenantRbac.READ;
import static dev.bulwark.render.tenancy.TenantRbac.rule;

import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/**
 * The identity the tenant's pipelines run as. It may run pipelines and roll out new images of
 * existing workloads, and read what it needs to watch a rollout; it cannot read Secrets or create
 * workloads, so a compromised pipeline step cannot take over the namespace. Its image pull secret
 * is the tenant's registry robot account, which Tekton also turns into the steps' docker
 * credentials for pushing.
 */
final class PipelineServiceAccount {

  static final String NAME = "bulwark-pipeline";

  private PipelineServiceAccount() {}

  static List<HasMetadata> objects(TenantModel tenant, EnvironmentModel env) {
    var labels = Ownership.environment(tenant.name(), env.name());
    var account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(env.namespace())
            .withLabels(labels)
            .endMetadata()
            .addNewImagePullSecret(TenancyUnit.REGISTRY_PULL_SECRET)
            .build();
    var role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(env.namespace())
            .withLabels(labels)
            .endMetadata()
            .withRules(
                rule("", READ, "pods", "pods/log", "services", "configmaps"),
                rule("apps", READ, "deployments", "statefulsets", "replicasets"),
                rule("apps", List.of("patch"), "deployments", "statefulsets"),
                rule(
                    "tekton.dev",
                    List.of("get", "list", "watch", "create"),
                    "pipelineruns",
                    "taskruns"))
            .build();
    var binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(env.namespace())
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", NAME)
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(NAME)
            .withNamespace(env.namespace())
            .endSubject()
            .build();
    return List.of(account, role, binding);
  }
}
