package dev.bulwark.delivery;

import dev.bulwark.api.BulwarkLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Evidence from Argo CD: the Application that syncs one application's environment (found by the
 * labels Bulwark puts on it) is synced when {@code status.sync.status} is {@code Synced} and
 * healthy when {@code status.health.status} is {@code Healthy}; {@code status.summary.images} lists
 * the images it runs.
 */
public final class ArgoCdEvidence implements PromotionEvidence {

  /** The namespace Bulwark installs Argo CD and its Applications in. */
  public static final String NAMESPACE = "argocd";

  private final KubernetesClient client;

  public ArgoCdEvidence(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public EnvironmentState observe(String tenant, String application, String environment) {
    List<GenericKubernetesResource> found =
        client
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace(NAMESPACE)
            .withLabels(
                Map.of(
                    BulwarkLabels.TENANT, tenant,
                    BulwarkLabels.ENVIRONMENT, environment,
                    BulwarkLabels.APPLICATION, application))
            .list()
            .getItems();
    String what = "the Argo CD Application of " + tenant + "/" + application + " in " + environment;
    if (found.size() != 1) {
      return EnvironmentState.unknown(
          what
              + (found.isEmpty()
                  ? " (not found in namespace " + NAMESPACE + ")"
                  : " (found " + found.size() + ")"));
    }
    GenericKubernetesResource app = found.get(0);
    String source = "Argo CD Application " + NAMESPACE + "/" + app.getMetadata().getName();
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
