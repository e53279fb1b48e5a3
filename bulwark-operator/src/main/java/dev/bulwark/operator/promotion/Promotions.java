package dev.bulwark.operator.promotion;

import dev.bulwark.delivery.Actor;
import dev.bulwark.delivery.Digest;
import dev.bulwark.delivery.Outcome;
import java.util.Optional;

/** What the endpoint asks of the operator's promotion: one promotion, by the promotion rules. */
@FunctionalInterface
public interface Promotions {

  /**
   * Promotes {@code digest} of {@code application} of {@code tenant} into {@code environment} for
   * {@code actor}; empty when the tenant has no such application with an image.
   *
   * @throws dev.bulwark.delivery.PromotionRefused when the rules do not allow it
   */
  Optional<Done> promote(
      String tenant, String application, String environment, Digest digest, Actor actor);

  /** What a promotion did, and one line saying so for the caller. */
  record Done(Outcome outcome, String description) {}
}
