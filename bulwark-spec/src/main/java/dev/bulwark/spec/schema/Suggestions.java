package dev.bulwark.spec.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt field names: the closest candidate by Damerau-Levenshtein
 * distance (optimal string alignment: insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost one), compared case-insensitively.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word}, if it is close enough: at most a third of the word's
   * length away, and never less than two edits allowed, so short names still get a suggestion. Ties
   * go to the alphabetically first candidate, so the answer does not depend on map order.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    int threshold = Math.max(2, word.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = word.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      boolean better =
          distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0);
      if (distance <= threshold && better) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The optimal-string-alignment distance between two strings. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
