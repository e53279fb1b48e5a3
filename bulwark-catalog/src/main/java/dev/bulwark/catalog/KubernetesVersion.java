package dev.bulwark.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor release, such as 1.37. Patch levels are accepted on input and dropped: API
 * removals and component support are decided per minor.
 *
 * @param major always 1 in practice
 * @param minor the minor release
 */
public record KubernetesVersion(int major, int minor) implements Comparable<KubernetesVersion> {

  private static final Pattern FORM = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.\\d+)?$");

  /** Parses {@code 1.37}, {@code v1.37} or {@code 1.37.2}. */
  public static KubernetesVersion parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Kubernetes version: expected MAJOR.MINOR, like 1.37");
    }
    return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Whether {@code text} looks like a Kubernetes version rather than a catalogue release. */
  public static boolean looksLike(String text) {
    return text != null
        && FORM.matcher(text.trim()).matches()
        && text.trim().replaceFirst("^v", "").startsWith("1.");
  }

  /** The next minor release. */
  public KubernetesVersion next() {
    return new KubernetesVersion(major, minor + 1);
  }

  @Override
  public int compareTo(KubernetesVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  public boolean isAfter(KubernetesVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
