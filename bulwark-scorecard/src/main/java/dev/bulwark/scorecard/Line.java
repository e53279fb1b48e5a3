package dev.bulwark.scorecard;

import java.util.List;

/**
 * One essential judged.
 *
 * @param essential what was judged
 * @param status how it stands
 * @param evidence the facts behind the status, the ones that are not ok first
 * @param nextStep what to do next; empty when nothing is to be done
 */
public record Line(Essential essential, Status status, List<Evidence> evidence, String nextStep) {

  public Line {
    evidence = evidence.stream().sorted(java.util.Comparator.comparing(Evidence::ok)).toList();
  }
}
