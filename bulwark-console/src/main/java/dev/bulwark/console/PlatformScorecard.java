package dev.bulwark.console;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.Application;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.Tenant;
import dev.bulwark.render.Renderer;
import dev.bulwark.scorecard.Essentials;
import dev.bulwark.scorecard.Observations;
import dev.bulwark.scorecard.Scorecard;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The live scorecard of the platform, judged as {@code bulwark scorecard --live} judges it, with
 * every read made as the person: the Platform, Tenants and Applications they may list, and the
 * objects the judges look at. Only someone who may read the whole platform (a platform engineer)
 * gets one; anyone else gets the API server's refusal.
 */
final class PlatformScorecard {

  private final Clock clock;

  PlatformScorecard(Clock clock) {
    this.clock = clock;
  }

  /** The scorecard, or empty when the cluster holds no Platform. */
  Optional<Scorecard> judge(KubernetesClient user) {
    Optional<Platform> platform =
        user.resources(Platform.class).list().getItems().stream()
            .filter(p -> p.getSpec() != null)
            .findFirst();
    if (platform.isEmpty()) {
      return Optional.empty();
    }
    List<Tenant> tenants =
        user.resources(Tenant.class).list().getItems().stream()
            .filter(t -> t.getSpec() != null)
            .toList();
    List<Application> applications =
        user.resources(Application.class).inAnyNamespace().list().getItems().stream()
            .filter(a -> a.getSpec() != null)
            .toList();
    BulwarkSpec spec = new BulwarkSpec(platform.get(), tenants, applications);
    return Optional.of(
        Essentials.judge(
            Observations.live(user, spec, Renderer.standard().render(spec), "", clock.instant())));
  }
}
