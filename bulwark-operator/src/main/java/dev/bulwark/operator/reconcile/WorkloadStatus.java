package dev.bulwark.operator.reconcile;

import dev.bulwark.api.BulwarkLabels;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Application's status says it runs in each environment: the image and replicas of the
 * Deployments it applies, read from the rendered objects, so the status never needs a request.
 */
final class WorkloadStatus {

  private WorkloadStatus() {}

  /** One entry per environment that has a Deployment, in environment name order. */
  static List<EnvironmentStatus> of(List<HasMetadata> objects) {
    Map<String, HorizontalPodAutoscaler> autoscalers = new HashMap<>();
    for (HasMetadata object : objects) {
      if (object instanceof HorizontalPodAutoscaler hpa) {
        autoscalers.put(where(hpa) + "/" + hpa.getSpec().getScaleTargetRef().getName(), hpa);
      }
    }
    List<EnvironmentStatus> environments = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (!(object instanceof Deployment deployment)) {
        continue;
      }
      String environment = deployment.getMetadata().getLabels().get(BulwarkLabels.ENVIRONMENT);
      HorizontalPodAutoscaler hpa = autoscalers.get(where(deployment) + "/" + name(deployment));
      environments.add(
          new EnvironmentStatus(
              environment,
              deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
              hpa == null ? deployment.getSpec().getReplicas() : null,
              hpa == null ? null : hpa.getSpec().getMinReplicas(),
              hpa == null ? null : hpa.getSpec().getMaxReplicas()));
    }
    environments.sort(Comparator.comparing(EnvironmentStatus::getName));
    return environments;
  }

  private static String where(HasMetadata object) {
    return object.getMetadata().getNamespace();
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }
}
