package dev.bulwark.platform.gitops;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.SourceSpec;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.platform.identity.OidcClient;
import dev.bulwark.platform.identity.OidcClients;
import dev.bulwark.platform.kinds.argocd.AppProjectSpec;
import dev.bulwark.platform.kinds.argocd.ApplicationSource;
import dev.bulwark.platform.kinds.argocd.ApplicationSpec;
import dev.bulwark.platform.kinds.argocd.Destination;
import dev.bulwark.platform.kinds.argocd.GroupKind;
import dev.bulwark.platform.kinds.argocd.ProjectRole;
import dev.bulwark.platform.kinds.argocd.SyncPolicy;
import dev.bulwark.platform.secrets.PlatformSecrets;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentApplication;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.CustomResource;
import dev.bulwark.platform.stack.Hosts;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.PlatformObjects;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.SyncWave;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitOps: Argo CD managing itself, the platform's AppProject, and for each tenant an AppProject
 * confined to the tenant's repositories and namespaces with no cluster-scoped kinds, plus an
 * Application per application and environment.
 */
public final class GitOpsUnit extends ComponentUnit {

  /** Kinds the tenancy unit owns in tenant namespaces; tenant Applications may not touch them. */
  static final List<String> TENANCY_KINDS = List.of("ResourceQuota", "LimitRange", "NetworkPolicy");

  public GitOpsUnit() {}

  public GitOpsUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "gitops";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    if (component.existing()) {
      // An adopted Argo CD is not installed, exposed or reconfigured (ADR 0034); the platform's
      // project comes with bootstrap/, since the root Application needs it before it can sync.
      objects.addAll(tenantObjects(stack));
      return objects;
    }
    // The argocd namespace comes with bootstrap/, which installs Argo CD before anything syncs.
    objects.add(
        ComponentApplication.of(stack, component, "argo-cd")
            .values(ArgoCdValues.of(stack))
            .build());
    objects.add(platformProject(stack));
    OidcClient client = OidcClients.require(stack, OidcClients.ARGO_CD);
    objects.addAll(
        PlatformSecrets.copy(
            stack,
            client.secretName(),
            component.namespace(),
            client.storePath(),
            List.of(OidcClient.SECRET_KEY),
            Map.of("app.kubernetes.io/part-of", "argocd")));
    objects.add(
        PlatformObjects.route(
            stack,
            "argocd-server",
            component.namespace(),
            stack.host(Hosts.ARGO_CD),
            "argo-cd-argocd-server",
            80));
    objects.addAll(tenantObjects(stack));
    return objects;
  }

  /**
   * Each tenant's project, the Role its owners read their Applications with, and its applications'
   * Applications, one per environment.
   */
  private static List<HasMetadata> tenantObjects(Stack stack) {
    List<HasMetadata> objects = new ArrayList<>();
    for (TenantModel tenant : stack.tenants()) {
      objects.add(tenantProject(stack, tenant));
      objects.addAll(ApplicationReaders.of(stack, tenant));
      for (Application app : tenant.applications()) {
        if (app.getSpec().getSource() != null) {
          for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
            objects.add(tenantApplication(stack, tenant, env, app));
          }
        }
      }
    }
    return objects;
  }

  /** The project of the platform's own Applications and of the root Application. */
  public static HasMetadata platformProject(Stack stack) {
    return CustomResource.of(
            new AppProjectSpec(
                "The platform's own components, installed by Bulwark.",
                List.of("*"),
                List.of(Destination.inCluster("*")),
                List.of(GroupKind.ANY),
                List.of(),
                List.of()))
        .name(ComponentApplication.PLATFORM_PROJECT)
        .namespace(stack.argoCdNamespace())
        .labels(Ownership.platform())
        .wave(SyncWave.NAMESPACES)
        .build();
  }

  /**
   * The tenant's project: its repositories only, its namespaces only, and no cluster-scoped kinds
   * at all (an absent whitelist denies every one).
   */
  static HasMetadata tenantProject(Stack stack, TenantModel tenant) {
    Tenant spec = stack.context().spec().tenant(tenant.name()).orElseThrow();
    List<String> repos =
        spec.getSpec().getSourceRepos() == null ? List.of() : spec.getSpec().getSourceRepos();
    List<Destination> destinations =
        tenant.namespaces().stream().map(Destination::inCluster).toList();
    List<GroupKind> blacklist =
        TENANCY_KINDS.stream()
            .map(
                kind ->
                    kind.equals("NetworkPolicy")
                        ? new GroupKind("networking.k8s.io", kind)
                        : GroupKind.core(kind))
            .toList();
    String project = tenant.name();
    return CustomResource.of(
            new AppProjectSpec(
                "Applications of tenant " + tenant.displayName() + ".",
                repos,
                destinations,
                List.of(),
                blacklist,
                List.of(
                    role(project, "owner", tenant.ownerGroups(), "*"),
                    role(project, "developer", tenant.developerGroups(), "sync"),
                    role(project, "viewer", tenant.viewerGroups(), "get"))))
        .name(project)
        .namespace(stack.argoCdNamespace())
        .labels(Ownership.tenant(tenant.name()))
        .wave(SyncWave.TENANTS)
        .build();
  }

  private static ProjectRole role(String project, String name, List<String> groups, String action) {
    List<String> policies = new ArrayList<>();
    policies.add(
        "p, proj:" + project + ":" + name + ", applications, get, " + project + "/*, allow");
    if (!action.equals("get")) {
      policies.add(
          "p, proj:"
              + project
              + ":"
              + name
              + ", applications, "
              + action
              + ", "
              + project
              + "/*, allow");
    }
    return new ProjectRole(name, groups, policies);
  }

  private static HasMetadata tenantApplication(
      Stack stack, TenantModel tenant, EnvironmentModel env, Application app) {
    SourceSpec source = app.getSpec().getSource();
    String name = app.getMetadata().getName();
    return CustomResource.of(
            new ApplicationSpec(
                tenant.name(),
                ApplicationSource.path(
                    source.getRepoURL(),
                    source.getPath() == null ? "." : source.getPath(),
                    source.getTargetRevision() == null ? "HEAD" : source.getTargetRevision()),
                Destination.inCluster(env.namespace()),
                SyncPolicy.autoSync()))
        .name(Names.label(tenant.name(), name, env.name()))
        .namespace(stack.argoCdNamespace())
        .labels(Ownership.application(tenant.name(), env.name(), name))
        .wave(SyncWave.TENANTS)
        .build();
  }
}
