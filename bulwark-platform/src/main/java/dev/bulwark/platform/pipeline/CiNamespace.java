package dev.bulwark.platform.pipeline;

import dev.bulwark.platform.kinds.externalsecrets.ExternalSecretSpec;
import dev.bulwark.platform.kinds.externalsecrets.SecretData;
import dev.bulwark.platform.kinds.externalsecrets.SecretStoreRef;
import dev.bulwark.platform.kinds.externalsecrets.SecretTarget;
import dev.bulwark.platform.registry.RegistryUnit;
import dev.bulwark.platform.secrets.SecretsUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.OpenBaoPaths;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's CI namespace and the identities in it, each with the least it needs.
 *
 * <ul>
 *   <li>The namespace runs at baseline Pod Security, not restricted: the build step runs Buildah as
 *       root inside its container (ADR 0023). The tenant's workload namespaces keep their own
 *       level. It belongs to the platform (the tenant cannot change its pipelines), so it carries
 *       no component label: the platform's ClusterSecretStore stays closed to it.
 *   <li>The pipeline's ServiceAccount mounts no token: the stages only clone, test, push (with the
 *       robot account mounted into the build stage alone) and call the promotion endpoint. The gate
 *       steps alone mount a projected token, with which they keep the decision as a PolicyReport in
 *       the tenant's environment namespaces, the account's only right (ADR 0050).
 *   <li>The EventListener's ServiceAccount reads the Triggers and creates PipelineRuns, nothing
 *       else.
 *   <li>The tenant's groups may watch their runs and read their logs.
 * </ul>
 */
final class CiNamespace {

  static final String PIPELINE_ACCOUNT = dev.bulwark.api.DastTask.SERVICE_ACCOUNT;
  static final String LISTENER_ACCOUNT = "bulwark-triggers";

  /** The ClusterRole, shared by every tenant's listener, for Triggers' cluster-scoped kinds. */
  static final String LISTENER_CLUSTER_ROLE = "bulwark-pipeline-listener";

  static final String VIEWER_ROLE = "bulwark-pipeline-viewer";

  /** The Role in each environment namespace through which the gate keeps its decisions. */
  static final String EVIDENCE_ROLE = "bulwark-gate-evidence";

  /** The Secret with the Git hosts' webhook secret (key {@value #WEBHOOK_KEY}). */
  static final String WEBHOOK_SECRET = "bulwark-webhook";

  static final String WEBHOOK_KEY = "secret";

  /** The tenant a CI namespace serves, on the namespace. */
  static final String CI_TENANT_LABEL = "bulwark.dev/ci-tenant";

  static final String POD_SECURITY_LEVEL = "baseline";

  static final String POD_SECURITY_REASON =
      "the build step runs Buildah as root inside its container (default capabilities, not"
          + " privileged) to build images without a daemon; every other step runs restricted";

  private static final List<String> READ = List.of("get", "list", "watch");

  private CiNamespace() {}

  static List<HasMetadata> objects(Stack stack, TenantModel tenant) {
    String namespace = TenantCi.namespace(tenant.name());
    Map<String, String> labels = Ownership.platform();
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(namespace(tenant));
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(PIPELINE_ACCOUNT)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withAutomountServiceAccountToken(false)
            .build());
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(LISTENER_ACCOUNT)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .build());
    objects.add(
        role(
            LISTENER_ACCOUNT,
            namespace,
            List.of(
                rule(
                    "triggers.tekton.dev",
                    READ,
                    "eventlisteners",
                    "triggerbindings",
                    "triggertemplates",
                    "triggers",
                    "interceptors"),
                rule("tekton.dev", List.of("create"), "pipelineruns"),
                rule("", READ, "configmaps"),
                rule("", List.of("create", "patch"), "events"))));
    objects.add(
        roleBinding(
            LISTENER_ACCOUNT, namespace, "Role", LISTENER_ACCOUNT, listenerSubject(tenant)));
    objects.add(
        role(
            VIEWER_ROLE,
            namespace,
            List.of(
                rule("tekton.dev", READ, "pipelineruns", "taskruns", "pipelines", "tasks"),
                rule("", READ, "pods", "pods/log", "events"))));
    List<Subject> groups = new ArrayList<>();
    for (List<String> list :
        List.of(tenant.ownerGroups(), tenant.developerGroups(), tenant.viewerGroups())) {
      list.forEach(
          g ->
              groups.add(
                  new SubjectBuilder()
                      .withKind("Group")
                      .withApiGroup("rbac.authorization.k8s.io")
                      // as the API server reports OIDC groups, like every tenant RoleBinding
                      .withName(stack.platform().groupPrefix() + g)
                      .build()));
    }
    objects.add(
        roleBinding(VIEWER_ROLE, namespace, "Role", VIEWER_ROLE, groups.toArray(Subject[]::new)));
    objects.addAll(evidenceRights(tenant));
    if (stack.has("secrets")) {
      objects.add(webhookSecret(tenant, namespace));
      objects.add(signingKey(namespace));
      if (stack.has("registry")) {
        objects.add(RegistryUnit.robotSecret(stack, tenant, namespace, labels));
      }
    }
    return objects;
  }

  /**
   * The gate's right to keep its decisions (ADR 0050): the pipeline's account may write
   * PolicyReports in each of its tenant's environment namespaces, where the gate puts them, and
   * nothing else there. Only the gate steps mount a token for it.
   */
  private static List<HasMetadata> evidenceRights(TenantModel tenant) {
    List<HasMetadata> objects = new ArrayList<>();
    Subject pipeline =
        new SubjectBuilder()
            .withKind("ServiceAccount")
            .withName(PIPELINE_ACCOUNT)
            .withNamespace(TenantCi.namespace(tenant.name()))
            .build();
    for (EnvironmentModel env : tenant.environments()) {
      objects.add(
          role(
              EVIDENCE_ROLE,
              env.namespace(),
              List.of(rule("wgpolicyk8s.io", List.of("get", "create", "patch"), "policyreports"))));
      objects.add(roleBinding(EVIDENCE_ROLE, env.namespace(), "Role", EVIDENCE_ROLE, pipeline));
    }
    return objects;
  }

  /**
   * The one ClusterRoleBinding that gives every tenant's listener {@link #listenerClusterRole()}.
   * One binding of a fixed name, not one per tenant, so that the operator's rights on cluster RBAC
   * can be limited to these two names (ADR 0030).
   */
  static HasMetadata listenerClusterRoleBinding(List<TenantModel> tenants) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(LISTENER_CLUSTER_ROLE)
        .withLabels(Ownership.platform())
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", LISTENER_CLUSTER_ROLE)
        .withSubjects(tenants.stream().map(CiNamespace::listenerSubject).toList())
        .build();
  }

  /** The ClusterRole every tenant's listener is bound to: Triggers' cluster-scoped kinds, read. */
  static HasMetadata listenerClusterRole() {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(LISTENER_CLUSTER_ROLE)
        .withLabels(Ownership.platform())
        .endMetadata()
        .withRules(
            rule("triggers.tekton.dev", READ, "clusterinterceptors", "clustertriggerbindings"))
        .build();
  }

  static Namespace namespace(TenantModel tenant) {
    Map<String, String> labels = new TreeMap<>(Ownership.platform());
    labels.put(CI_TENANT_LABEL, tenant.name());
    labels.put("pod-security.kubernetes.io/enforce", POD_SECURITY_LEVEL);
    labels.put("pod-security.kubernetes.io/audit", POD_SECURITY_LEVEL);
    labels.put("pod-security.kubernetes.io/warn", POD_SECURITY_LEVEL);
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(TenantCi.namespace(tenant.name()))
        .withLabels(labels)
        .addToAnnotations(PlatformObjects.POD_SECURITY_REASON, POD_SECURITY_REASON)
        .endMetadata()
        .build();
  }

  /** The webhook secret the tenant's Git host signs with, from the tenant's store. */
  private static HasMetadata webhookSecret(TenantModel tenant, String namespace) {
    return CustomResource.of(
            ExternalSecretSpec.properties(
                SecretStoreRef.namespaced(SecretsUnit.TENANT_STORE),
                SecretTarget.owned(WEBHOOK_SECRET),
                List.of(
                    SecretData.property(
                        WEBHOOK_KEY, OpenBaoPaths.ciWebhook(tenant.name()), WEBHOOK_KEY))))
        .name(WEBHOOK_SECRET)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.TENANT_SECRETS)
        .build();
  }

  /**
   * The platform's cosign key pair for the sign stage, from the CI namespace's store (its role may
   * read that one path, {@link dev.bulwark.platform.secrets.OpenBao#ciPolicy}): the key Chains
   * signs with too, so one public key verifies both (ADR 0040).
   */
  private static HasMetadata signingKey(String namespace) {
    return CustomResource.of(
            ExternalSecretSpec.properties(
                SecretStoreRef.namespaced(SecretsUnit.TENANT_STORE),
                SecretTarget.owned(PipelineTasks.SIGNING_KEY_SECRET),
                List.of(
                    SecretData.property("cosign.key", OpenBaoPaths.SIGNING_KEY, "cosign.key"),
                    SecretData.property(
                        "cosign.password", OpenBaoPaths.SIGNING_KEY, "cosign.password"))))
        .name(PipelineTasks.SIGNING_KEY_SECRET)
        .namespace(namespace)
        .labels(Ownership.platform())
        .wave(SyncWave.TENANT_SECRETS)
        .build();
  }

  private static Subject listenerSubject(TenantModel tenant) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(LISTENER_ACCOUNT)
        .withNamespace(TenantCi.namespace(tenant.name()))
        .build();
  }

  private static HasMetadata role(String name, String namespace, List<PolicyRule> rules) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Ownership.platform())
        .endMetadata()
        .withRules(rules)
        .build();
  }

  private static HasMetadata roleBinding(
      String name, String namespace, String roleKind, String role, Subject... subjects) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Ownership.platform())
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", roleKind, role)
        .withSubjects(subjects)
        .build();
  }

  private static PolicyRule rule(String group, List<String> verbs, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }
}
