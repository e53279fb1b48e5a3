package dev.bulwark.gate;

import java.util.Optional;

/**
 * One line of a decision: what rule said what about which finding or fact.
 *
 * @param verdict whether it blocks, was waived or cleared, or is a note
 * @param rule the rule, as {@code severity}, {@code secret}, {@code licence}, {@code signature},
 *     {@code dast}, {@code inputs} or {@code waiver}
 * @param message the reason in words, naming the finding, waiver or fact
 * @param finding the finding it is about, if any
 */
public record Reason(Verdict verdict, String rule, String message, Optional<Finding> finding) {

  /** What a reason does to the decision. */
  public enum Verdict {
    /** The release may not go ahead because of this. */
    BLOCKS,
    /** A finding that would block, accepted by an active waiver. */
    WAIVED,
    /** A vulnerability a VEX statement says does not affect the image. */
    CLEARED,
    /** A required fact that holds (a verified signature). */
    PASSES,
    /** Worth knowing, changes nothing. */
    NOTE
  }

  public static Reason blocks(String rule, String message, Finding finding) {
    return new Reason(Verdict.BLOCKS, rule, message, Optional.ofNullable(finding));
  }

  public static Reason of(Verdict verdict, String rule, String message) {
    return new Reason(verdict, rule, message, Optional.empty());
  }

  public boolean blocking() {
    return verdict == Verdict.BLOCKS;
  }
}
