package dev.bulwark.render.workload;

import dev.bulwark.api.ImageReference;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.AutoscalingSpec;
import dev.bulwark.api.v1alpha1.ComputeSpec;
import dev.bulwark.api.v1alpha1.ResourcesSpec;
import dev.bulwark.render.Names;
import dev.bulwark.render.Ownership;
import dev.bulwark.render.model.EnvironmentModel;
import dev.bulwark.render.model.PlatformModel;
import dev.bulwark.render.model.QuotaModel;
import dev.bulwark.render.model.TenantModel;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application's workload in one environment, with every default resolved: what the workload
 * unit's objects are built from.
 *
 * @param name the name of the Deployment, its ServiceAccount, disruption budget and autoscaler
 * @param namespace the environment's namespace
 * @param labels the ownership labels of every object and of the pods
 * @param image the image the Deployment names (the GitOps tree's kustomization may pin another
 *     digest of the same repository over it)
 * @param replicas the replicas while no autoscaler owns them
 * @param autoscaling the autoscaler, or null
 * @param requestCpu CPU request of the container
 * @param requestMemory memory request of the container
 * @param limitCpu CPU limit, or null for none
 * @param limitMemory memory limit of the container
 * @param traces whether the OpenTelemetry operator injects its SDK configuration
 */
public record Workload(
    String name,
    String namespace,
    Map<String, String> labels,
    ImageReference image,
    int replicas,
    AutoscalingSpec autoscaling,
    String requestCpu,
    String requestMemory,
    String limitCpu,
    String limitMemory,
    boolean traces) {

  /** Replicas of an environment that names none. */
  public static final int DEFAULT_REPLICAS = 1;

  /** CPU the autoscaler keeps replicas at when the spec names no target. */
  public static final int DEFAULT_CPU_TARGET = 80;

  /**
   * Whether Bulwark renders a workload for the application: it names an image (or a build that
   * makes one) and brings no manifests of its own.
   */
  public static boolean rendered(Application app) {
    ApplicationSpec spec = app.getSpec();
    return spec.getSource() == null && (spec.getImage() != null || spec.getBuild() != null);
  }

  /** The workload of {@code app} in {@code env}. */
  public static Workload of(
      Application app, TenantModel tenant, EnvironmentModel env, PlatformModel platform) {
    ApplicationSpec spec = app.getSpec();
    String name = app.getMetadata().getName();
    Optional<AppEnvironmentSpec> appEnv =
        spec.getEnvironments().stream().filter(e -> e.getName().equals(env.name())).findFirst();
    QuotaModel quota = env.quota();
    ResourcesSpec resources =
        Objects.requireNonNullElseGet(spec.getResources(), ResourcesSpec::new);
    ComputeSpec requests = Objects.requireNonNullElseGet(resources.getRequests(), ComputeSpec::new);
    ComputeSpec limits = Objects.requireNonNullElseGet(resources.getLimits(), ComputeSpec::new);
    boolean traces =
        spec.getObservability() != null && Boolean.TRUE.equals(spec.getObservability().getTraces());
    return new Workload(
        Names.label(name),
        env.namespace(),
        Ownership.application(tenant.name(), env.name(), name),
        image(app, tenant, platform),
        appEnv.map(AppEnvironmentSpec::getReplicas).orElse(DEFAULT_REPLICAS),
        appEnv.map(AppEnvironmentSpec::getAutoscaling).orElse(null),
        Objects.requireNonNullElse(requests.getCpu(), quota.defaultCpuRequest()),
        Objects.requireNonNullElse(requests.getMemory(), quota.defaultMemoryRequest()),
        limits.getCpu(),
        Objects.requireNonNullElse(limits.getMemory(), quota.defaultMemoryLimit()),
        traces);
  }

  /**
   * The spec's image; an application built by the platform without one runs {@code
   * <registry>/<tenant>/<application>}, the repository its pipeline pushes to.
   */
  static ImageReference image(Application app, TenantModel tenant, PlatformModel platform) {
    String image = app.getSpec().getImage();
    if (image != null) {
      return ImageReference.parse(image)
          .orElseThrow(
              () -> new IllegalArgumentException("spec.image is not an image reference: " + image));
    }
    return new ImageReference(
        platform.registryHost() + "/" + tenant.name() + "/" + app.getMetadata().getName(),
        null,
        null);
  }

  /** The fewest replicas that run: the autoscaler's minimum, or the fixed count. */
  public int minimumReplicas() {
    if (autoscaling == null) {
      return replicas;
    }
    return autoscaling.getMinReplicas() == null ? 1 : autoscaling.getMinReplicas();
  }

  /** Replicas as the status reports them: a count, or the autoscaler's range. */
  public String replicasText() {
    return autoscaling == null
        ? Integer.toString(replicas)
        : minimumReplicas() + "-" + autoscaling.getMaxReplicas();
  }

  /** The selector of the pods: the label the application's Service selects on too. */
  public Map<String, String> selector() {
    return Map.of("app.kubernetes.io/name", labels.get("app.kubernetes.io/name"));
  }
}
