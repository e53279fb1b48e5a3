package dev.bulwark.scorecard;

import dev.bulwark.api.BulwarkSpec;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.LicenseInventory;
import dev.bulwark.catalog.LicensePolicy;
import dev.bulwark.catalog.SelectionException;
import dev.bulwark.render.DesiredState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds observations: offline from a rendered spec, live from a cluster as well. */
public final class Observations {

  private Observations() {}

  /** What a rendered spec shows: each essential can at most be "configured". */
  public static Observation offline(BulwarkSpec spec, DesiredState rendered, String tenant) {
    return new Observation(
        Observation.Source.OFFLINE,
        tenant,
        rendered.objects(),
        Map.of(),
        List.of(),
        specFacts(spec),
        Instant.EPOCH);
  }

  /**
   * What the cluster shows of a rendered spec: the rendered objects it holds (their Ready
   * condition, a Certificate's expiry, a database's last backup) and the PolicyReports.
   */
  public static Observation live(
      KubernetesClient client,
      BulwarkSpec spec,
      DesiredState rendered,
      String tenant,
      Instant now) {
    Observation scope =
        new Observation(
            Observation.Source.LIVE,
            tenant,
            rendered.objects(),
            Map.of(),
            List.of(),
            specFacts(spec),
            now);
    LiveReader reader = new LiveReader(client);
    return new Observation(
        Observation.Source.LIVE,
        tenant,
        rendered.objects(),
        reader.objects(scope.inScope()),
        reader.policyResults(),
        scope.spec(),
        now);
  }

  /** The spec's Kubernetes pin and the licence verdict of the components it selects. */
  static Observation.SpecFacts specFacts(BulwarkSpec spec) {
    PlatformSpec platform = spec.platform().getSpec();
    LicensePolicy policy = LicensePolicy.of(platform);
    List<String> flagged;
    try {
      flagged =
          LicenseInventory.of(ComponentSelection.of(platform), policy).flagged().stream()
              .map(e -> e.component().name() + ": " + e.component().license())
              .toList();
    } catch (SelectionException e) {
      flagged = List.of("component selection: " + e.getMessage());
    }
    return new Observation.SpecFacts(platform.getKubernetesVersion(), policy.source(), flagged);
  }
}
