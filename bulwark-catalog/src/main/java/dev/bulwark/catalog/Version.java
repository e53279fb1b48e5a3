package dev.bulwark.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version as upstreams write them: {@code v1.21.1}, {@code 0.158.0}, {@code 26.0.0},
 * {@code 1.30}; an optional pre-release suffix ({@code -rc.1}) sorts before the release.
 *
 * @param text the version as written
 * @param numbers its numeric parts
 * @param preRelease the suffix after {@code -}, or empty
 */
public record Version(String text, List<Integer> numbers, String preRelease)
    implements Comparable<Version> {

  private static final Pattern FORM =
      Pattern.compile("^v?(\\d+(?:\\.\\d+){0,3})(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

  public Version {
    numbers = List.copyOf(numbers);
  }

  /** Parses a version, or throws {@link IllegalArgumentException} saying what was expected. */
  public static Version parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a version: expected numbers separated by dots, like 1.21.1 or v0.158.0");
    }
    List<Integer> numbers = new ArrayList<>();
    for (String part : m.group(1).split("\\.")) {
      numbers.add(Integer.parseInt(part));
    }
    return new Version(text.trim(), numbers, m.group(2) == null ? "" : m.group(2));
  }

  /** The numeric part at {@code index}, 0 when absent (so 1.30 equals 1.30.0). */
  public int part(int index) {
    return index < numbers.size() ? numbers.get(index) : 0;
  }

  @Override
  public int compareTo(Version other) {
    int length = Math.max(numbers.size(), other.numbers.size());
    for (int i = 0; i < length; i++) {
      int c = Integer.compare(part(i), other.part(i));
      if (c != 0) {
        return c;
      }
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    return preRelease.compareTo(other.preRelease);
  }

  public boolean isAfter(Version other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
