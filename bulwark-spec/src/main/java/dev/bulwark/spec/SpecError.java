package dev.bulwark.spec;

import dev.bulwark.yaml.Location;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a spec, where it is and what was expected.
 *
 * <p>Renders as {@code file:line:col: spec.environments[0].name: expected ..., found ...}. An error
 * about a whole file has line 0 and renders as {@code file: message}; an error about the input as a
 * whole (no Platform at all, no input) has no location and renders as its message alone.
 *
 * @param location the file, line and column, or {@code null} for the input as a whole
 * @param fieldPath the field, such as {@code spec.environments[0].name}; "" for the whole document
 * @param message what is wrong, usually "expected ..., found ..."
 */
public record SpecError(Location location, String fieldPath, String message) {

  /** Errors in input order: by file name, then line and column; errors without a location first. */
  public static final Comparator<SpecError> ORDER =
      Comparator.comparing((SpecError e) -> e.location() == null ? "" : e.location().source())
          .thenComparingInt(e -> e.location() == null ? -1 : e.location().line())
          .thenComparingInt(e -> e.location() == null ? -1 : e.location().column())
          .thenComparing(SpecError::fieldPath)
          .thenComparing(SpecError::message);

  public SpecError {
    fieldPath = Objects.requireNonNullElse(fieldPath, "");
    Objects.requireNonNull(message, "message");
  }

  /** An error about a whole file (it cannot be read, holds nothing). */
  public static SpecError file(String source, String message) {
    return new SpecError(new Location(source, 0, 0), "", message);
  }

  /** An error about the input as a whole. */
  public static SpecError global(String message) {
    return new SpecError(null, "", message);
  }

  /** The file the error is in, or {@code null}. */
  public String source() {
    return location == null ? null : location.source();
  }

  /** The 1-based line, or 0 if the error is about a whole file or the whole input. */
  public int line() {
    return location == null ? 0 : location.line();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (location != null) {
      text.append(location.line() > 0 ? location.toString() : location.source()).append(": ");
    }
    // A message that already quotes its field ("field `spec.x` is not supported yet") says it once.
    if (!fieldPath.isEmpty() && !message.contains("`" + fieldPath + "`")) {
      text.append(fieldPath).append(": ");
    }
    return text.append(message).toString();
  }
}
