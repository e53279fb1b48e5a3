package dev.bulwark.policy.library;

import java.util.List;

/**
 * What a policy applies to.
 *
 * @param kinds kinds from {@link Kinds}
 * @param operations admission operations (CREATE, UPDATE)
 */
public record Match(List<String> kinds, List<String> operations) {

  public Match {
    kinds = List.copyOf(kinds);
    operations = List.copyOf(operations);
  }

  public boolean matchesKind(String kind) {
    return kinds.contains(kind);
  }
}
