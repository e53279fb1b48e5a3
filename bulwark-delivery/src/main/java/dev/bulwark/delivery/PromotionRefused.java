package dev.bulwark.delivery;

/**
 * A promotion or approval the rules do not allow; the message says why, for the person or the CI
 * job that asked. Nothing was committed.
 */
public final class PromotionRefused extends RuntimeException {

  public PromotionRefused(String reason) {
    super(reason);
  }
}
