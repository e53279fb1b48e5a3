package dev.bulwark.platform.pipeline;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.platform.stack.Component;
import dev.bulwark.platform.stack.ComponentUnit;
import dev.bulwark.platform.stack.PlatformCatalog;
import dev.bulwark.platform.stack.Stack;
import dev.bulwark.platform.stack.TenantCi;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Application pipelines on the CI component (Tekton): for each tenant with an application whose
 * {@code spec.build.ci} is {@code tekton}, a CI namespace with its identities and secrets, the
 * shared Tasks and a Git EventListener; for each such application, its Pipeline and Trigger.
 * Applications built by the tenant's own CI ({@code ci: external}) get no pipeline: they push with
 * the tenant's registry robot account, which the registry capability creates for every tenant, and
 * promote as their {@link Promoters promoter} ServiceAccount in the CI namespace.
 */
public final class PipelineUnit extends ComponentUnit {

  public PipelineUnit() {}

  public PipelineUnit(PlatformCatalog catalog) {
    super(catalog);
  }

  @Override
  public String capability() {
    return "pipeline";
  }

  /** Pipelines run on the CI component's Tekton. */
  @Override
  protected String component() {
    return "ci";
  }

  @Override
  protected List<HasMetadata> render(Stack stack, Component component) {
    List<HasMetadata> objects = new ArrayList<>();
    List<TenantModel> withPipelines = new ArrayList<>();
    for (TenantModel tenant : stack.tenants()) {
      String namespace = TenantCi.namespace(tenant.name());
      List<Application> external = TenantCi.externalBuilds(tenant);
      external.forEach(app -> objects.addAll(Promoters.objects(namespace, app)));
      if (!TenantCi.hasPipelines(stack, tenant)) {
        if (!external.isEmpty()) {
          objects.add(CiNamespace.namespace(tenant)); // the promoters' home, nothing runs there
        }
        continue;
      }
      withPipelines.add(tenant);
      objects.addAll(CiNamespace.objects(stack, tenant));
      objects.addAll(PipelineTasks.tasks(component, namespace));
      objects.addAll(ScanTasks.objects(component, namespace));
      objects.add(DatabaseRefresh.cronJob(stack, component, namespace));
      objects.addAll(GitListener.objects(stack, tenant));
      boolean scans = false;
      for (Application app : TenantCi.tektonBuilds(tenant)) {
        objects.addAll(AppPipeline.objects(BuildModel.of(stack, tenant, app)));
        objects.add(GateSpec.configMap(stack, tenant, app));
        scans |=
            DastScanTask.scans(
                app, RoutingUnit.environmentsOf(app, tenant).stream().map(e -> e.name()).toList());
      }
      if (scans) {
        objects.add(DastScanTask.task(component, namespace));
      }
    }
    if (!withPipelines.isEmpty()) {
      objects.add(CiNamespace.listenerClusterRole());
      objects.add(CiNamespace.listenerClusterRoleBinding(withPipelines));
    }
    return objects;
  }
}
