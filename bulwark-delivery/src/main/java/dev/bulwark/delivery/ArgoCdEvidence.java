package dev.bulwark.delivery;

import dev.bulwark.render.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Evidence from Argo CD, and of DAST scans from Tekton: the Application that syncs one
 * application's environment (named {@code <tenant>-<application>-<environment>}, as Bulwark renders
 * it) is synced when {@code status.sync.status} is {@code Synced} and healthy when {@code
 * status.health.status} is {@code Healthy}; {@code status.summary.images} lists the images it runs.
 */
public final class ArgoCdEvidence implements PromotionEvidence {

  /** The namespace Bulwark installs Argo CD and its Applications in. */
  public static final String NAMESPACE = "argocd";

  private final KubernetesClient client;
  private final DastRuns dast;

  public ArgoCdEvidence(KubernetesClient client) {
    this.client = client;
    this.dast = new DastRuns(client);
  }

  /** The DAST scans are Tekton's TaskRuns in the tenant's CI namespace ({@link DastRuns}). */
  @Override
  public DastRun dast(DeliveryTarget target, String environment, Digest digest) {
    return dast.observe(target, environment, digest);
  }

  @Override
  public EnvironmentState observe(String tenant, String application, String environment) {
    // by name, not by label: a tenant's owners may get exactly their own Applications, not list
    // every tenant's
    String name = Names.label(tenant, application, environment);
    GenericKubernetesResource app =
        client
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace(NAMESPACE)
            .withName(name)
            .get();
    String what = "the Argo CD Application of " + tenant + "/" + application + " in " + environment;
    if (app == null) {
      return EnvironmentState.unknown(what + " (not found in namespace " + NAMESPACE + ")");
    }
    String source = "Argo CD Application " + NAMESPACE + "/" + name;
    String sync = app.get("status", "sync", "status");
    String health = app.get("status", "health", "status");
    List<String> images = app.get("status", "summary", "images");
    return new EnvironmentState(
        "Synced".equals(sync),
        "Healthy".equals(health),
        images == null ? List.of() : images,
        source);
  }
}
