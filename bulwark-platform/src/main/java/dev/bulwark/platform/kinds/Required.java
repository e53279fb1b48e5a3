package dev.bulwark.platform.kinds;

import java.util.List;

/**
 * The checks typed models make when built: a field the CRD requires, or that Bulwark's use of the
 * kind needs, fails at construction with the field's path, never later in the cluster.
 */
public final class Required {

  private Required() {}

  /**
   * {@code value}, which must be a non-blank string; {@code field} is its path, as in {@code
   * AppProject spec.roles[].name}.
   */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          field
              + ": a non-empty string is required, got "
              + (value == null ? "nothing" : "\"" + value + "\""));
    }
    return value;
  }

  /** {@code value}, which must be present. */
  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": a value is required, got nothing");
    }
    return value;
  }

  /** An immutable copy of {@code values}, empty for null; its items must be present. */
  public static <T> List<T> list(List<T> values, String field) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      present(values.get(i), field + "[" + i + "]");
    }
    return List.copyOf(values);
  }
}
