package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.ResourceStatus;
import dev.bulwark.catalog.KubernetesVersion;
import dev.bulwark.operator.apply.LiveView;
import dev.bulwark.operator.reconcile.UpgradeDecision.Health;
import dev.bulwark.render.Names;
import dev.bulwark.render.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The Platform reconcile's upgrade pass (ADR 0042): observes what the decision needs (the health of
 * the moving component's Argo CD Application, the removed-API scan of the live cluster), decides
 * ({@link UpgradeDecision}), and writes the outcome into the status the pass ends with.
 */
final class PlatformUpgrades {

  /** How long a step's Application may take to be Synced and Healthy at the target. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);

  private static final String ARGO_CD = "argoproj.io/v1alpha1";

  private final Clock clock;
  private final Duration timeout;
  private final RemovedApiScan scan;

  PlatformUpgrades(RemovedApiScan scan, Clock clock, Duration timeout) {
    this.scan = scan;
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * The decision for {@code platform} (with its newest status); empty without {@code spec.upgrade}.
   * The removed-API scan runs only when the run is not done.
   *
   * @param installed the Platform's objects at its installed versions, where the components'
   *     Applications are found
   */
  Optional<UpgradeDecision> decide(
      Platform platform, LiveView live, Supplier<List<HasMetadata>> installed) {
    Instant now = clock.instant();
    Optional<UpgradeDecision> unscanned =
        UpgradeDecision.decide(platform, List.of(), (c, v) -> Health.PROGRESSING, now, timeout);
    if (unscanned.isEmpty()
        || UpgradeDecision.AVAILABLE.equals(unscanned.get().condition().getType())) {
      return unscanned;
    }
    KubernetesVersion kubernetes =
        KubernetesVersion.parse(platform.getSpec().getKubernetesVersion());
    return UpgradeDecision.decide(
        platform,
        scan.findings(kubernetes),
        (component, revision) -> health(live, installed, component, revision),
        now,
        timeout);
  }

  /**
   * The health of a component's Argo CD Application at {@code revision}, as Argo CD reports it: it
   * counts only once Argo CD compared against that revision ({@code
   * status.sync.comparedTo.source.targetRevision}); before that it is the old version's health.
   */
  static Health health(
      LiveView live, Supplier<List<HasMetadata>> installed, String component, String revision) {
    Optional<GenericKubernetesResource> app =
        installed.get().stream()
            .filter(o -> ARGO_CD.equals(o.getApiVersion()) && "Application".equals(o.getKind()))
            .filter(o -> Names.label(component).equals(o.getMetadata().getName()))
            .findFirst()
            .flatMap(o -> live.find(ObjectKey.of(o)));
    if (app.isEmpty()
        || !revision.equals(
            app.get().get("status", "sync", "comparedTo", "source", "targetRevision"))) {
      return Health.PROGRESSING;
    }
    String health = app.get().get("status", "health", "status");
    if ("Degraded".equals(health)) {
      return Health.DEGRADED;
    }
    return "Synced".equals(app.get().get("status", "sync", "status")) && "Healthy".equals(health)
        ? Health.READY
        : Health.PROGRESSING;
  }

  /**
   * Writes the decision into {@code after}: its installed versions and its one condition, whose
   * {@code lastTransitionTime} is kept only while it says the same (so each step gets its own,
   * which the step timeout counts from).
   */
  void report(ResourceStatus before, ResourceStatus after, UpgradeDecision decision) {
    after.setInstalledVersions(new TreeMap<>(decision.installedVersions()));
    after.getConditions().removeIf(c -> UpgradeDecision.TYPES.contains(c.getType()));
    Condition next = decision.condition();
    next.setObservedGeneration(after.getObservedGeneration());
    Optional<Condition> same =
        StatusAggregator.find(before, next.getType())
            .filter(
                b ->
                    Objects.equals(b.getStatus(), next.getStatus())
                        && Objects.equals(b.getReason(), next.getReason())
                        && Objects.equals(b.getMessage(), next.getMessage())
                        && b.getLastTransitionTime() != null);
    next.setLastTransitionTime(
        same.map(Condition::getLastTransitionTime)
            .orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
    after.getConditions().add(next);
  }
}
