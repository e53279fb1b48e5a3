package dev.bulwark.catalog.upgrade;

import dev.bulwark.catalog.KubernetesVersion;
import java.util.List;
import java.util.Optional;

/**
 * Ordered steps to reach an upgrade target, and what stands in the way.
 *
 * @param current the Kubernetes minor the cluster runs (spec.kubernetesVersion)
 * @param target what is upgraded to
 * @param release the catalogue release the components are planned against
 * @param steps the steps, in the order to do them
 * @param blockers what must be resolved before the plan can be carried out
 * @param warnings what to be aware of
 */
public record UpgradePlan(
    KubernetesVersion current,
    UpgradeTarget target,
    String release,
    List<UpgradeStep> steps,
    List<String> blockers,
    List<String> warnings) {

  public UpgradePlan {
    steps = List.copyOf(steps);
    blockers = List.copyOf(blockers);
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether objects use removed APIs or components do not support the target: action is required
   * first.
   */
  public boolean needsAction() {
    return !blockers.isEmpty()
        || steps.stream().anyMatch(s -> s.kind() == UpgradeStep.Kind.MIGRATE_API);
  }

  public Optional<KubernetesVersion> targetKubernetes() {
    return target.kubernetes();
  }
}
