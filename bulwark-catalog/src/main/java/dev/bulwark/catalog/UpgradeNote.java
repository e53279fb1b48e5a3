package dev.bulwark.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What changes when a component goes from one upstream version to the next.
 *
 * @param from the version the step starts from
 * @param to the version the step arrives at
 * @param breaking whether the step breaks something users must act on; empty when nobody has
 *     reviewed this step's upstream notes yet (the plan then says so instead of guessing)
 * @param notes what to do, one sentence each
 */
public record UpgradeNote(
    Version from, Version to, Optional<Boolean> breaking, List<String> notes) {

  public UpgradeNote {
    notes = List.copyOf(notes);
  }

  /**
   * Whether the step lies within {@code (installed, target]}: applies when going from installed to
   * target.
   */
  public boolean appliesBetween(Version installed, Version target) {
    return to.isAfter(installed) && !to.isAfter(target);
  }
}
