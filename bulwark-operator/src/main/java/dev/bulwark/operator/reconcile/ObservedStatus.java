package dev.bulwark.operator.reconcile;

import dev.bulwark.api.ImageReference;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec;
import dev.bulwark.api.v1alpha1.EnvironmentStatus;
import dev.bulwark.api.v1alpha1.PipelineRunStatus;
import dev.bulwark.render.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds to each environment of an Application's status what Argo CD and Tekton report (ADR 0041):
 * the digest it runs, the sync and health of its Argo CD Application (named {@code
 * <tenant>-<application>-<environment>}, as the GitOps unit renders it) and, on the first
 * environment of the promotion order, the newest PipelineRun that built it.
 */
final class ObservedStatus {

  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String RUNNING = "Running";

  private ObservedStatus() {}

  static void fill(List<EnvironmentStatus> environments, Application app, Observations seen) {
    String tenant = app.getSpec().getTenant();
    String name = app.getMetadata().getName();
    Optional<String> first =
        Optional.ofNullable(app.getSpec().getEnvironments()).stream()
            .flatMap(List::stream)
            .map(AppEnvironmentSpec::getName)
            .findFirst();
    for (EnvironmentStatus environment : environments) {
      Optional<GenericKubernetesResource> argoCd =
          seen.argoCdApplication(Names.label(tenant, name, environment.getName()));
      environment.setSync(argoCd.map(a -> (String) a.get("status", "sync", "status")).orElse(null));
      environment.setHealth(
          argoCd.map(a -> (String) a.get("status", "health", "status")).orElse(null));
      environment.setDigest(digest(environment.getImage(), argoCd).orElse(null));
      if (first.isPresent() && first.get().equals(environment.getName())) {
        environment.setLastPipelineRun(
            seen.lastPipelineRun(tenant, name).map(ObservedStatus::run).orElse(null));
      }
    }
  }

  /**
   * The digest Argo CD reports for the image's repository (what runs), else the one the applied
   * image pins (what was asked for).
   */
  static Optional<String> digest(String image, Optional<GenericKubernetesResource> argoCd) {
    Optional<ImageReference> wanted = ImageReference.parse(image);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    List<String> running =
        argoCd.map(a -> a.<List<String>>get("status", "summary", "images")).orElse(List.of());
    return running.stream()
        .map(ImageReference::parse)
        .flatMap(Optional::stream)
        .filter(r -> r.repository().equals(wanted.get().repository()) && r.digest() != null)
        .map(ImageReference::digest)
        .findFirst()
        .or(() -> Optional.ofNullable(wanted.get().digest()));
  }

  /** A PipelineRun's name, result (from its Succeeded condition) and completion time. */
  static PipelineRunStatus run(GenericKubernetesResource run) {
    List<Map<String, Object>> conditions = run.get("status", "conditions");
    String succeeded =
        conditions == null
            ? null
            : conditions.stream()
                .filter(c -> SUCCEEDED.equals(c.get("type")))
                .map(c -> (String) c.get("status"))
                .findFirst()
                .orElse(null);
    String result =
        "True".equals(succeeded) ? SUCCEEDED : "False".equals(succeeded) ? FAILED : RUNNING;
    return new PipelineRunStatus(
        run.getMetadata().getName(), result, run.get("status", "completionTime"));
  }
}
