package dev.bulwark.delivery;

import dev.bulwark.api.v1alpha1.ApplicationSpec.AppEnvironmentSpec.Promotion;
import dev.bulwark.delivery.PromotionChain.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which promotions are due: for every {@code auto} environment (and, as requests, every {@code
 * manual} one), the digest the environment before it runs, when that one passed there (and its DAST
 * scan passed, where the environment needs one) and the environment does not run it yet. A pure
 * decision over the tree's pins and the evidence, so that the operator's loop and {@code bulwark
 * promote --auto} make the same ones.
 */
public final class AutoPromotion {

  /** One promotion to make: {@code digest} into {@code environment}. */
  public record Step(String environment, Digest digest) {}

  private AutoPromotion() {}

  /**
   * The steps due for {@code target}, given each environment's pin ({@code pins}, empty when the
   * tree has no entry) and the evidence.
   */
  public static List<Step> due(
      DeliveryTarget target,
      Function<String, Optional<ImagePin>> pins,
      PromotionEvidence evidence) {
    return passedInto(Promotion.AUTO, target, pins, evidence);
  }

  /**
   * The requests due for {@code target}: for every {@code manual} environment, the digest that
   * passed the environment before it and that it does not run yet. Whether a request for it already
   * waits is the caller's to check ({@link Promoter#requestDue}).
   */
  public static List<Step> requestsDue(
      DeliveryTarget target,
      Function<String, Optional<ImagePin>> pins,
      PromotionEvidence evidence) {
    return passedInto(Promotion.MANUAL, target, pins, evidence);
  }

  /**
   * The DAST scans due for {@code target} (ADR 0050): for every environment whose release needs
   * one, the digest that passed the environment before it, that it does not run yet, and whose scan
   * has not started. The operator starts them; once a scan passed, the promotion is due.
   */
  public static List<Step> scansDue(
      DeliveryTarget target,
      Function<String, Optional<ImagePin>> pins,
      PromotionEvidence evidence) {
    return passedBefore(target, pins, evidence, stage -> stage.dast().isPresent()).stream()
        .filter(
            step ->
                evidence.dast(target, step.environment(), step.digest()).state()
                    == DastRun.State.NOT_STARTED)
        .toList();
  }

  private static List<Step> passedInto(
      Promotion mode,
      DeliveryTarget target,
      Function<String, Optional<ImagePin>> pins,
      PromotionEvidence evidence) {
    return passedBefore(target, pins, evidence, stage -> stage.mode().orElseThrow() == mode)
        .stream()
        .filter(
            step ->
                target.chain().stage(step.environment()).dast().isEmpty()
                    || evidence.dast(target, step.environment(), step.digest()).passed())
        .toList();
  }

  /**
   * For every environment after the first that {@code which} selects: the digest the environment
   * before it runs and passed, when the environment has an entry for the image and runs another.
   */
  private static List<Step> passedBefore(
      DeliveryTarget target,
      Function<String, Optional<ImagePin>> pins,
      PromotionEvidence evidence,
      Predicate<Stage> which) {
    List<Step> steps = new ArrayList<>();
    List<Stage> stages = target.chain().stages();
    for (int i = 1; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (!which.test(stage)) {
        continue;
      }
      String from = stages.get(i - 1).environment();
      Optional<Digest> runs = pins.apply(from).flatMap(ImagePin::digest);
      Optional<Digest> there = pins.apply(stage.environment()).flatMap(ImagePin::digest);
      if (runs.isEmpty() || runs.equals(there) || pins.apply(stage.environment()).isEmpty()) {
        continue;
      }
      EnvironmentState state = evidence.observe(target.tenant(), target.application(), from);
      if (state.notPassed(target.image(), runs.get()).isEmpty()) {
        steps.add(new Step(stage.environment(), runs.get()));
      }
    }
    return steps;
  }
}
