package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.Capability;
import dev.bulwark.catalog.Component;
import dev.bulwark.catalog.ComponentSelection;
import dev.bulwark.catalog.Implementation;
import dev.bulwark.catalog.KubernetesVersion;
import dev.bulwark.catalog.UpgradeNote;
import dev.bulwark.catalog.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans an upgrade. The order is:
 *
 * <ol>
 *   <li>migrate every object off an API version the target Kubernetes no longer serves;
 *   <li>upgrade components to the catalogue's pins, in install order (sync waves, then
 *       dependencies), those whose pin needs a newer Kubernetes than the cluster runs excepted;
 *   <li>upgrade the control plane one minor release at a time, as Kubernetes supports;
 *   <li>upgrade the components held back in step 2, each after the release it needs.
 * </ol>
 *
 * A component whose pinned release does not support the target Kubernetes version blocks the plan;
 * where another implementation of its capability does, the blocker names it.
 */
public final class UpgradePlanner {

  private UpgradePlanner() {}

  /**
   * @param selection the components the spec runs
   * @param current the Kubernetes minor the cluster runs
   * @param target what to reach
   * @param installed the versions installed now, by component id, where known
   * @param findings objects that use removed APIs (from rendered, manifest or live objects)
   */
  public static UpgradePlan plan(
      ComponentSelection selection,
      KubernetesVersion current,
      UpgradeTarget target,
      Map<String, Version> installed,
      List<ApiFinding> findings) {
    KubernetesVersion goal = target.kubernetes().orElse(current);
    if (current.isAfter(goal)) {
      throw new IllegalArgumentException(
          "--to "
              + goal
              + ": the cluster runs "
              + current
              + " (spec.kubernetesVersion); Kubernetes cannot be downgraded");
    }
    List<UpgradeStep> steps = new ArrayList<>();
    List<String> blockers = new ArrayList<>();
    List<String> warnings = new ArrayList<>(selection.warnings());
    if (goal.isAfter(RemovedApis.standard().last())) {
      warnings.add(
          "the removed-API table covers Kubernetes up to "
              + RemovedApis.standard().last()
              + "; removals in later releases are not checked");
    }
    findings.forEach(f -> steps.add(migration(f, current)));
    List<UpgradeStep> later = new ArrayList<>();
    for (Component c : selection.components()) {
      componentStep(c, installed.get(c.id()), target, warnings)
          .ifPresent(
              step -> {
                if (!c.kubernetes().supports(current) && c.kubernetes().min().isAfter(current)) {
                  later.add(step);
                } else {
                  steps.add(step);
                }
              });
      if (!c.kubernetes().supports(goal)) {
        blockers.add(unsupported(selection, c, goal));
      }
    }
    for (KubernetesVersion v = current.next(); !v.isAfter(goal); v = v.next()) {
      steps.add(kubernetesStep(v, findings));
      KubernetesVersion reached = v;
      later.removeIf(
          step -> {
            boolean ready =
                selection.catalogue().require(step.subject()).kubernetes().supports(reached);
            if (ready) {
              steps.add(step);
            }
            return ready;
          });
    }
    later.forEach(step -> steps.add(step));
    return new UpgradePlan(
        current, target, selection.catalogue().release(), steps, blockers, warnings);
  }

  private static UpgradeStep migration(ApiFinding f, KubernetesVersion current) {
    List<String> notes = new ArrayList<>(List.of(f.api().advice()));
    if (!f.api().removedIn().isAfter(current)) {
      notes.add(
          "already not served by the cluster's Kubernetes "
              + current
              + ": applying this object fails today");
    }
    return new UpgradeStep(
        UpgradeStep.Kind.MIGRATE_API,
        f.object().describe() + " (" + f.object().origin() + ")",
        f.object().apiVersion(),
        f.api().replacement().orElse("(none: remove it)"),
        Optional.of(true),
        notes);
  }

  /**
   * The step that brings a component to its pin, or empty when it is there already or not asked
   * for.
   */
  private static Optional<UpgradeStep> componentStep(
      Component c, Version installed, UpgradeTarget target, List<String> warnings) {
    if (installed != null && installed.compareTo(c.appVersion()) == 0) {
      return Optional.empty();
    }
    if (installed != null && installed.isAfter(c.appVersion())) {
      warnings.add(
          c.id()
              + " runs "
              + installed
              + ", newer than the catalogue's "
              + c.appVersion()
              + "; the plan leaves it alone");
      return Optional.empty();
    }
    if (installed == null && target.release().isEmpty()) {
      return Optional.empty();
    }
    List<UpgradeNote> applicable = installed == null ? c.upgrades() : c.notesFrom(installed);
    List<String> notes = new ArrayList<>();
    if (installed == null) {
      notes.add(
          "installed version unknown (pass --installed "
              + c.id()
              + "=VERSION); every recorded note is listed");
    }
    for (UpgradeNote n : applicable) {
      String verdict =
          n.breaking()
              .map(b -> b ? "BREAKING" : "not breaking")
              .orElse("not reviewed for breaking changes");
      n.notes()
          .forEach(text -> notes.add(n.from() + " -> " + n.to() + " (" + verdict + "): " + text));
    }
    if (applicable.isEmpty() || applicable.stream().anyMatch(n -> n.breaking().isEmpty())) {
      notes.add(
          "no reviewed upgrade notes in the catalogue for this step; read " + c.releaseNotes());
    }
    Optional<Boolean> breaking =
        applicable.stream().anyMatch(n -> n.breaking().orElse(false))
            ? Optional.of(true)
            : applicable.isEmpty() || applicable.stream().anyMatch(n -> n.breaking().isEmpty())
                ? Optional.empty()
                : Optional.of(false);
    // Images Bulwark runs next to the component move with it: review their notes in the same step.
    c.images().forEach(i -> notes.add("with it, Bulwark runs " + i.name() + " " + i.reference()));
    notes.add(
        "sync wave "
            + c.syncWave()
            + (c.dependsOn().isEmpty() ? "" : ", after " + String.join(", ", c.dependsOn())));
    return Optional.of(
        new UpgradeStep(
            UpgradeStep.Kind.UPGRADE_COMPONENT,
            c.id(),
            installed == null ? "" : installed.text(),
            c.appVersion().text() + " (" + describe(c) + ")",
            breaking,
            notes));
  }

  private static String describe(Component c) {
    return c.source().chart() == null
        ? c.source().type().name().toLowerCase(java.util.Locale.ROOT) + " " + c.source().version()
        : "chart " + c.source().chart() + " " + c.source().version();
  }

  private static String unsupported(
      ComponentSelection selection, Component c, KubernetesVersion goal) {
    Capability capability = c.capability();
    String base =
        c.id() + " " + c.appVersion() + " supports Kubernetes " + c.kubernetes() + ", not " + goal;
    Optional<String> switchTo =
        selection.catalogue().implementations(capability).stream()
            .filter(i -> !i.equals(selection.choice(capability).implementation()))
            .filter(
                i ->
                    selection.catalogue().componentsOf(i).stream()
                        .allMatch(o -> o.kubernetes().supports(goal)))
            .map(Implementation::id)
            .findFirst();
    return base
        + switchTo
            .map(
                i ->
                    "; switch to "
                        + i
                        + " (spec.components."
                        + capability.id()
                        + ".implementation: "
                        + i
                        + ")")
            .orElse(
                "; hold the cluster at "
                    + c.kubernetes().max()
                    + " until the catalogue pins a release that supports "
                    + goal)
        + c.warning().map(w -> " - " + w).orElse("");
  }

  private static UpgradeStep kubernetesStep(KubernetesVersion to, List<ApiFinding> findings) {
    KubernetesVersion from = new KubernetesVersion(to.major(), to.minor() - 1);
    List<String> notes = new ArrayList<>();
    List<RemovedApi> removed = RemovedApis.standard().removedIn(to);
    long users = findings.stream().filter(f -> f.api().removedIn().equals(to)).count();
    notes.add(
        removed.isEmpty()
            ? "removes no beta or GA API"
            : "stops serving "
                + removed.size()
                + " API version"
                + (removed.size() == 1 ? "" : "s")
                + (users == 0
                    ? "; none is used by the scanned objects"
                    : "; "
                        + users
                        + " scanned object"
                        + (users == 1 ? "" : "s")
                        + " migrated above"));
    notes.add(
        "upgrade the control plane first, then the nodes (kubelets may run up to three minors behind the API server)");
    return new UpgradeStep(
        UpgradeStep.Kind.UPGRADE_KUBERNETES,
        "control plane",
        from.toString(),
        to.toString(),
        Optional.empty(),
        notes);
  }
}
