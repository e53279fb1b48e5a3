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
import java.util.stream.Stream;

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
 * @param requeueAfter when to look again without an event: at the window's opening, at a step's
 *     timeout, or at once after a step is done (the next one starts); empty when only an event (the
 *     Application's status, the Platform's spec or annotations) can change the decision
 */
record UpgradeDecision(
    Condition condition,
    Map<String, String> installedVersions,
    Map<String, String> renderedVersions,
    Optional<Duration> requeueAfter) {

  static final String AVAILABLE = "UpgradeAvailable";
  static final String BLOCKED = "UpgradeBlocked";
  static final String PENDING = "UpgradePending";
  static final String UPGRADING = "Upgrading";
  static final String FAILED = "UpgradeFailed";

  /** How soon to start the next step once one is done. */
  static final Duration NEXT_STEP = Duration.ofSeconds(1);

  /** Every condition type the decision sets; it sets exactly one and removes the others. */
  static final List<String> TYPES = List.of(AVAILABLE, BLOCKED, PENDING, UPGRADING, FAILED);

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

  /** Whether to look again after a delay. */
  boolean requeue() {
    return requeueAfter.isPresent();
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
    UpgradeGate gate = UpgradeGate.of(upgrade, approved, now);
    UpgradeRun run =
        UpgradeRun.plan(
            components,
            installed,
            CatalogueHistory.standard()
                .target(upgrade.getChannel(), Optional.ofNullable(upgrade.getVersion())),
            findings,
            gate);
    String release = run.target().release();
    return Optional.of(
        switch (run.phase()) {
          case UP_TO_DATE ->
              settled(
                  condition(AVAILABLE, "False", "UpToDate", "every component runs " + release),
                  installed);
          case BLOCKED ->
              new UpgradeDecision(
                  condition(BLOCKED, "True", "RemovedApisInUse", String.join("; ", run.blockers())),
                  installed,
                  held(platform, run, installed),
                  Optional.empty());
          case WAITING ->
              new UpgradeDecision(
                  condition(PENDING, "True", "Waiting", String.join("; ", run.waiting())),
                  installed,
                  held(platform, run, installed),
                  // the approval annotation is an event; the window's opening is not
                  gate.window()
                      .filter(w -> !w.isOpen(now))
                      .map(w -> Duration.between(now, w.nextOpening(now))));
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
    String position = position(run, step);
    return switch (health.apply(component, step.to().sourceVersion())) {
      case READY -> {
        // Healthy at the new pin: the step is done and the next reconcile starts the next one.
        Map<String, String> moved = new TreeMap<>(installed);
        moved.put(component, to);
        yield new UpgradeDecision(
            condition(UPGRADING, "True", "StepDone", position + " done"),
            moved,
            moved,
            Optional.of(NEXT_STEP));
      }
      case DEGRADED ->
          new UpgradeDecision(
              condition(FAILED, "True", "Degraded", position + ": its Application is Degraded"),
              installed,
              rendered,
              Optional.empty());
      case PROGRESSING -> progressing(platform, position, installed, rendered, now, timeout);
    };
  }

  /**
   * A step whose Application is not yet Synced and Healthy at the target: under way until the
   * timeout, then failed; a step that failed stays failed (the run stopped) until its Application
   * is healthy, so that a failure is not turned into a fresh attempt by the next reconcile.
   */
  private static UpgradeDecision progressing(
      Platform platform,
      String position,
      Map<String, String> installed,
      Map<String, String> rendered,
      Instant now,
      Duration timeout) {
    Optional<Condition> failed =
        previous(platform, FAILED).filter(c -> c.getMessage().startsWith(position + ":"));
    if (failed.isPresent()) {
      Condition same = failed.get();
      return new UpgradeDecision(
          condition(FAILED, "True", same.getReason(), same.getMessage()),
          installed,
          rendered,
          Optional.empty());
    }
    Optional<Instant> started = startedAt(platform, position);
    if (started.filter(s -> now.isAfter(s.plus(timeout))).isPresent()) {
      return new UpgradeDecision(
          condition(
              FAILED, "True", "Timeout", position + ": not Synced and Healthy within " + timeout),
          installed,
          rendered,
          Optional.empty());
    }
    Duration left = started.map(s -> Duration.between(now, s.plus(timeout))).orElse(timeout);
    return new UpgradeDecision(
        condition(UPGRADING, "True", "StepApplied", position),
        installed,
        rendered,
        Optional.of(left.plusSeconds(1)));
  }

  /**
   * Where a run that may not go on renders: at the installed versions, except that a step already
   * applied (under way or failed) stays at the target, since moving its Application back would be a
   * chart downgrade nobody asked for; it goes on when the run may.
   */
  private static Map<String, String> held(
      Platform platform, UpgradeRun run, Map<String, String> installed) {
    UpgradeRun.Step step = run.next().orElseThrow();
    String position = position(run, step);
    boolean applied =
        Stream.of(UPGRADING, FAILED)
            .flatMap(type -> previous(platform, type).stream())
            .anyMatch(c -> c.getMessage().startsWith(position));
    if (!applied) {
      return installed;
    }
    Map<String, String> rendered = new TreeMap<>(installed);
    rendered.put(step.component(), step.to().appVersion().toString());
    return rendered;
  }

  /** "step i of n to RELEASE: component FROM → TO", which names a step in the conditions. */
  private static String position(UpgradeRun run, UpgradeRun.Step step) {
    return "step "
        + run.position(step)
        + " of "
        + run.steps().size()
        + " to "
        + run.target().release()
        + ": "
        + step.component()
        + " "
        + step.from().orElse("?")
        + " → "
        + step.to().appVersion();
  }

  private static Optional<Condition> previous(Platform platform, String type) {
    if (platform.getStatus() == null) {
      return Optional.empty();
    }
    return platform.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && c.getMessage() != null)
        .findFirst();
  }

  /**
   * When the step under way started: the transition time of the Platform's Upgrading condition
   * while it describes the same step.
   */
  private static Optional<Instant> startedAt(Platform platform, String position) {
    return previous(platform, UPGRADING)
        .filter(c -> position.equals(c.getMessage()))
        .map(Condition::getLastTransitionTime)
        .map(Instant::parse);
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
    return new UpgradeDecision(condition, installed, installed, Optional.empty());
  }

  private static Condition condition(String type, String status, String reason, String message) {
    return new Condition(type, status, reason, message);
  }
}
