package dev.bulwark.render.workload;

import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.render.RenderContext;
import dev.bulwark.render.RenderUnit;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.TenantModel;
import dev.bulwark.render.routing.RoutingUnit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Workload: for every application that names an image and brings no manifests of its own, in each
 * of its environments, a ServiceAccount without an API token, a Deployment that passes the
 * restricted Pod Security level and the platform's policies, a PodDisruptionBudget when more than
 * one replica runs, and a HorizontalPodAutoscaler when the environment asks for one. An application
 * with {@code spec.source} gets none of these: its manifests define its workload (ADR 0022).
 */
public final class WorkloadUnit implements RenderUnit {

  public static final String CAPABILITY = "workload";

  @Override
  public String capability() {
    return CAPABILITY;
  }

  @Override
  public List<HasMetadata> render(RenderContext context) {
    List<HasMetadata> objects = new ArrayList<>();
    for (TenantModel tenant : context.tenants()) {
      for (Application app : tenant.applications()) {
        if (!Workload.rendered(app)) {
          continue;
        }
        for (EnvironmentModel env : RoutingUnit.environmentsOf(app, tenant)) {
          objects.addAll(objects(Workload.of(app, tenant, env, context.platform()), app));
        }
      }
    }
    return objects;
  }

  /** The objects of one workload, in a fixed order. */
  static List<HasMetadata> objects(Workload workload, Application app) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(WorkloadObjects.serviceAccount(workload));
    objects.add(WorkloadObjects.deployment(workload, app));
    if (workload.minimumReplicas() > 1) {
      objects.add(WorkloadObjects.disruptionBudget(workload));
    }
    if (workload.autoscaling() != null) {
      objects.add(WorkloadObjects.autoscaler(workload));
    }
    return objects;
  }
}
