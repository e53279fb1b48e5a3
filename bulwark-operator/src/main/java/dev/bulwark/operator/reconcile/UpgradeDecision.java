package dev.bulwark.operator.reconcile;

import dev.bulwark.api.v1alpha1.Condition;
import dev.bulwark.api.v1alpha1.Platform;
import dev.bulwark.api.v1alpha1.PlatformSpec;
import dev.bulwark.api.v1alpha1.UpgradeSpec;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.upgrade.ApiFinding;
import dev.bulwark.catalog.upgrade.CatalogueHistory;
import dev.bulwark.catalog.upgrade.UpgradeGate;
import dev.bulwark.catalog.upgrade.UpgradeRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What the operator does about {@code spec.upgrade} on one Platform reconcile (ADR 0042), decided
 * purely from the Platform (spec, status, approval annotation), the removed-API findings of the
 * live cluster, the health of the Argo CD Application of the step under way and the instant. The
 * run itself is derived again each time from {@code status.installedVersions}, so the decision
 * needs no state of its own.
 *
 * @param condition the one upgrade condition the Platform shows
 * @param installedVersions the Platform's installed versions after this reconcile
 * @param renderedVersions the version each component is to be rendered at: the installed ones, and
 *     the component of the step under way at the target's pin
 * @param requeue whether to look again after a delay (a step is under way)
 */
record UpgradeDecision(
    Condition condition,
    Map<String, String> installedVersions,
    Map<String, String> renderedVersions,
    boolean requeue) {

  static final String AVAILABLE = "UpgradeAvailable";
  static final String BLOCKED = "UpgradeBlocked";
  static final String WAITING = "UpgradeWaiting";
  static final String UPGRADING = "Upgrading";
  static final String FAILED = "UpgradeFailed";

  /** Every condition type the decision sets; it sets exactly one and removes the others. */
  static final List<String> TYPES = List.of(AVAILABLE, BLOCKED, WAITING, UPGRADING, FAILED);

  /** The health of a component's Argo CD Application at the source version a step applies. */
  enum Health {
    /** Not yet Synced and Healthy at that version. */
    PROGRESSING,
    /** Synced and Healthy at that version. */
    READY,
    /** Health {@code Degraded}. */
    DEGRADED
  }

  UpgradeDecision {
    installedVersions = Map.copyOf(installedVersions);
    renderedVersions = Map.copyOf(renderedVersions);
  }

  /**
   * Decides; empty when the Platform sets no {@code spec.upgrade}.
   *
   * @param health the Application health of a component at a source version
   * @param timeout how long a step may stay progressing before it fails
   */
  static Optional<UpgradeDecision> decide(
      Platform platform,
      List<ApiFinding> findings,
      BiFunction<String, String, Health> health,
      Instant now,
      Duration timeout) {
    PlatformSpec spec = platform.getSpec();
    UpgradeSpec upgrade = spec.getUpgrade();
    if (upgrade == null) {
      return Optional.empty();
    }
    List<Component> components = ComponentSelection.of(spec).components();
    Map<String, String> installed = installed(platform, components);
    Optional<String> approved =
        Optional.ofNullable(platform.getMetadata().getAnnotations())
            .map(a -> a.get(UpgradeSpec.APPROVED_ANNOTATION));
    UpgradeRun run =
        UpgradeRun.plan(
            components,
            installed,
            CatalogueHistory.standard()
                .target(upgrade.getChannel(), Optional.ofNullable(upgrade.getVersion())),
            findings,
            UpgradeGate.of(upgrade, approved, now));
    String release = run.target().release();
    return Optional.of(
        switch (run.phase()) {
          case UP_TO_DATE ->
              settled(
                  condition(AVAILABLE, "False", "UpToDate", "every component runs " + release),
                  installed);
          case BLOCKED ->
              settled(
                  condition(BLOCKED, "True", "RemovedApisInUse", String.join("; ", run.blockers())),
                  installed);
          case WAITING ->
              settled(
                  condition(WAITING, "True", "Waiting", String.join("; ", run.waiting())),
                  installed);
          case READY -> step(platform, run, installed, health, now, timeout);
        });
  }

  private static UpgradeDecision step(
      Platform platform,
      UpgradeRun run,
      Map<String, String> installed,
      BiFunction<String, String, Health> health,
      Instant now,
      Duration timeout) {
    UpgradeRun.Step step = run.next().orElseThrow();
    String component = step.component();
    String to = step.to().appVersion().toString();
    Map<String, String> rendered = new TreeMap<>(installed);
    rendered.put(component, to);
    String position =
        "step "
            + run.position(step)
            + " of "
            + run.steps().size()
            + " to "
            + run.target().release()
            + ": "
            + component
            + " "
            + step.from().orElse("?")
            + " → "
            + to;
    return switch (health.apply(component, step.to().sourceVersion())) {
      case READY -> {
        // Healthy at the new pin: the step is done and the next reconcile starts the next one.
        Map<String, String> moved = new TreeMap<>(installed);
        moved.put(component, to);
        yield new UpgradeDecision(
            condition(UPGRADING, "True", "StepDone", position + " done"), moved, moved, true);
      }
      case DEGRADED ->
          new UpgradeDecision(
              condition(FAILED, "True", "Degraded", position + ": its Application is Degraded"),
              installed,
              rendered,
              false);
      case PROGRESSING ->
          startedAt(platform, position)
                  .filter(started -> now.isAfter(started.plus(timeout)))
                  .isPresent()
              ? new UpgradeDecision(
                  condition(
                      FAILED,
                      "True",
                      "Timeout",
                      position + ": not Synced and Healthy within " + timeout),
                  installed,
                  rendered,
                  false)
              : new UpgradeDecision(
                  condition(UPGRADING, "True", "StepApplied", position), installed, rendered, true);
    };
  }

  /**
   * When the step under way started: the transition time of the Platform's Upgrading condition
   * while it describes the same step.
   */
  private static Optional<Instant> startedAt(Platform platform, String position) {
    if (platform.getStatus() == null) {
      return Optional.empty();
    }
    return platform.getStatus().getConditions().stream()
        .filter(c -> UPGRADING.equals(c.getType()) && position.equals(c.getMessage()))
        .map(Condition::getLastTransitionTime)
        .filter(t -> t != null)
        .map(Instant::parse)
        .findFirst();
  }

  /**
   * The installed versions: the status's entries, and the shipped catalogue's version for a
   * component it records none for (that is what the renderer installs it at).
   */
  private static Map<String, String> installed(Platform platform, List<Component> components) {
    Map<String, String> installed = new TreeMap<>();
    components.forEach(c -> installed.put(c.id(), c.appVersion().toString()));
    if (platform.getStatus() != null && platform.getStatus().getInstalledVersions() != null) {
      installed.putAll(platform.getStatus().getInstalledVersions());
    }
    return installed;
  }

  private static UpgradeDecision settled(Condition condition, Map<String, String> installed) {
    return new UpgradeDecision(condition, installed, installed, false);
  }

  private static Condition condition(String type, String status, String reason, String message) {
    return new Condition(type, status, reason, message);
  }
}
