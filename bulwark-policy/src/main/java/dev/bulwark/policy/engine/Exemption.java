package dev.bulwark.policy.engine;

import java.time.LocalDate;

/**
 * Why a violation does not count: an annotation on the object, or an entry of an exemption file.
 *
 * @param source {@code annotation} or the exemption file's location
 * @param reason why the object is exempt
 * @param owner who answers for a file exemption (null for annotations)
 * @param expires the last day a file exemption is valid (null for annotations)
 */
public record Exemption(String source, String reason, String owner, LocalDate expires) {

  public static Exemption annotation(String reason) {
    return new Exemption("annotation", reason, null, null);
  }
}
