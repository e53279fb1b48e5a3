package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upgrade of a running platform to one catalogue release (ADR 0042): the components to move, one
 * at a time in install order (the sync-wave ladder, then dependencies), what blocks the start, and
 * what the start waits for. Pure: built from what the Platform's status records as installed, the
 * target release, the removed-API findings of the live cluster and the gate.
 *
 * @param target the release upgraded to
 * @param steps one per component the platform runs, in install order, done ones included
 * @param blockers what must be resolved first (objects using removed APIs)
 * @param waiting what the start waits for (window, approval); empty when it may go
 */
public record UpgradeRun(
    CatalogueRelease target, List<Step> steps, List<String> blockers, List<String> waiting) {

  /** Where a run stands. */
  public enum Phase {
    /** Every component runs the target's pin. */
    UP_TO_DATE,
    /** A blocker refuses the start. */
    BLOCKED,
    /** The window is closed or the approval is missing. */
    WAITING,
    /** The next step may be applied. */
    READY
  }

  /** A step's state. */
  public enum State {
    DONE,
    PENDING
  }

  /**
   * One component's move.
   *
   * @param component the component id
   * @param from the version the status records as installed; empty when it records none
   * @param to the target's pin
   * @param state done when the installed version is the pin's
   */
  public record Step(String component, Optional<String> from, ReleasePin to, State state) {}

  public UpgradeRun {
    steps = List.copyOf(steps);
    blockers = List.copyOf(blockers);
    waiting = List.copyOf(waiting);
  }

  /**
   * Plans the run.
   *
   * @param installOrder the components the platform runs, in install order
   * @param installed the version each runs, by component id (the Platform's installedVersions)
   * @param target the release to reach
   * @param findings live objects that use an API the cluster's Kubernetes no longer serves
   * @param gate the window and the approval
   */
  public static UpgradeRun plan(
      List<Component> installOrder,
      Map<String, String> installed,
      CatalogueRelease target,
      List<ApiFinding> findings,
      UpgradeGate gate) {
    List<Step> steps = new ArrayList<>();
    for (Component c : installOrder) {
      ReleasePin pin = target.pin(c.id());
      Optional<String> from = Optional.ofNullable(installed.get(c.id()));
      boolean done = from.map(v -> Version.parse(v).compareTo(pin.appVersion()) == 0).orElse(false);
      steps.add(new Step(c.id(), from, pin, done ? State.DONE : State.PENDING));
    }
    List<String> blockers = findings.stream().map(ApiFinding::describe).toList();
    return new UpgradeRun(target, steps, blockers, gate.waitingFor(target.release()));
  }

  public Phase phase() {
    if (next().isEmpty()) {
      return Phase.UP_TO_DATE;
    }
    if (!blockers.isEmpty()) {
      return Phase.BLOCKED;
    }
    return waiting.isEmpty() ? Phase.READY : Phase.WAITING;
  }

  /** The first step not done, in install order. */
  public Optional<Step> next() {
    return steps.stream().filter(s -> s.state() == State.PENDING).findFirst();
  }

  /** The 1-based position of a step among all steps, for "step i of n". */
  public int position(Step step) {
    return steps.indexOf(step) + 1;
  }
}
