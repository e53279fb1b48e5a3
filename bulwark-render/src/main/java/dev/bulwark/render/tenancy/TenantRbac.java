package dev.bulwark.render.tenancy;

import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.TenantModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner, developer and viewer roles of a tenant environment, bound to the tenant's identity
 * groups. Every rule names its groups, resources and verbs: no wildcards, so that a new API in the
 * cluster is never granted by accident. In a production environment developers only read, like
 * viewers, and an unbound break-glass Role holds the developer's everyday rights for an owner to
 * grant for a while, recorded on the binding (ADR 0029).
 */
final class TenantRbac {

  static final List<String> READ = List.of("get", "list", "watch");
  static final List<String> WRITE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  /** What everyone in the tenant may read: everything in the namespace but Secrets. */
  static final List<PolicyRule> VIEW =
      List.of(
          rule(
              "",
              READ,
              "configmaps",
              "endpoints",
              "events",
              "limitranges",
              "persistentvolumeclaims",
              "pods",
              "pods/log",
              "replicationcontrollers",
              "resourcequotas",
              "serviceaccounts",
              "services"),
          rule("apps", READ, "daemonsets", "deployments", "replicasets", "statefulsets"),
          rule("batch", READ, "cronjobs", "jobs"),
          rule("autoscaling", READ, "horizontalpodautoscalers"),
          rule("policy", READ, "poddisruptionbudgets"),
          rule("discovery.k8s.io", READ, "endpointslices"),
          rule("networking.k8s.io", READ, "ingresses", "networkpolicies"),
          rule("gateway.networking.k8s.io", READ, "grpcroutes", "httproutes"),
          rule("rbac.authorization.k8s.io", READ, "rolebindings", "roles"),
          rule("external-secrets.io", READ, "externalsecrets", "secretstores"),
          rule("bulwark.dev", READ, "applications"));

  /**
   * Workloads, configuration and secrets: the developer's job, without RBAC, quotas or policies.
   */
  static final List<PolicyRule> DEVELOP =
      List.of(
          rule(
              "",
              WRITE,
              "configmaps",
              "persistentvolumeclaims",
              "pods",
              "replicationcontrollers",
              "secrets",
              "serviceaccounts",
              "services"),
          rule("", List.of("create"), "pods/exec", "pods/portforward"),
          rule("apps", WRITE, "daemonsets", "deployments", "replicasets", "statefulsets"),
          rule(
              "apps", List.of("get", "patch", "update"), "deployments/scale", "statefulsets/scale"),
          rule("batch", WRITE, "cronjobs", "jobs"),
          rule("autoscaling", WRITE, "horizontalpodautoscalers"),
          rule("policy", WRITE, "poddisruptionbudgets"),
          rule("networking.k8s.io", WRITE, "ingresses"),
          rule("gateway.networking.k8s.io", WRITE, "grpcroutes", "httproutes"),
          // ExternalSecrets read from the tenant's SecretStore; the stores are the platform's.
          rule("external-secrets.io", WRITE, "externalsecrets"),
          rule("bulwark.dev", WRITE, "applications"));

  /** What only owners may change: access and network policy inside their namespaces. */
  static final List<PolicyRule> OWN =
      List.of(
          rule("rbac.authorization.k8s.io", WRITE, "rolebindings", "roles"),
          rule("networking.k8s.io", WRITE, "networkpolicies"));

  /** The Role an owner binds, time-boxed and with a reason, to open production (ADR 0029). */
  static final String BREAK_GLASS = "bulwark-break-glass";

  private TenantRbac() {}

  static List<HasMetadata> rolesAndBindings(
      TenantModel tenant, EnvironmentModel env, PlatformModel platform) {
    List<PolicyRule> everyday = concat(VIEW, DEVELOP);
    // Owners keep the everyday rights in production: Kubernetes lets them bind only what they
    // hold, and the break-glass Role is exactly those rights.
    List<PolicyRule> owner = concat(everyday, OWN);
    List<PolicyRule> developer = env.production() ? VIEW : everyday;
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(roleAndBinding("owner", owner, tenant.ownerGroups(), tenant, env, platform));
    objects.addAll(
        roleAndBinding("developer", developer, tenant.developerGroups(), tenant, env, platform));
    objects.addAll(roleAndBinding("viewer", VIEW, tenant.viewerGroups(), tenant, env, platform));
    if (env.production()) {
      objects.add(role(BREAK_GLASS, everyday, tenant, env));
    }
    return objects;
  }

  private static Role role(
      String name, List<PolicyRule> rules, TenantModel tenant, EnvironmentModel env) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(env.namespace())
        .withLabels(Ownership.environment(tenant.name(), env.name()))
        .endMetadata()
        .withRules(rules)
        .build();
  }

  private static List<HasMetadata> roleAndBinding(
      String role,
      List<PolicyRule> rules,
      List<String> groups,
      TenantModel tenant,
      EnvironmentModel env,
      PlatformModel platform) {
    String name = "bulwark-" + role;
    Role r = role(name, rules, tenant, env);
    List<Subject> subjects =
        groups.stream()
            .map(
                g ->
                    new SubjectBuilder()
                        .withKind("Group")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName(platform.groupPrefix() + g)
                        .build())
            .toList();
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(env.namespace())
            .withLabels(Ownership.environment(tenant.name(), env.name()))
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
            .withSubjects(subjects)
            .build();
    return List.of(r, binding);
  }

  static PolicyRule rule(String apiGroup, List<String> verbs, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(apiGroup)
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }

  private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
    List<PolicyRule> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
