package dev.bulwark.spec.schema;

import java.util.Objects;

/**
 * One way a value breaks its schema.
 *
 * @param path where: the JSON Pointer (to find the line) and the human field path
 * @param keyword the schema keyword that failed ({@code type}, {@code required}, {@code pattern},
 *     {@code unknown} for a field the schema does not declare, ...)
 * @param expected what the schema asks for, in words
 * @param found what the value is, in words
 * @param suggestion for an unknown field, the closest declared field; otherwise {@code null}
 */
public record SchemaError(
    FieldPath path, String keyword, String expected, String found, String suggestion) {

  public SchemaError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(found, "found");
  }

  /** The keyword of an error about a field that the schema does not declare. */
  public static final String UNKNOWN_FIELD = "unknown";

  /** The keyword of an error about a required field that is missing. */
  public static final String REQUIRED = "required";

  /** The JSON Pointer of the offending node (for a missing field, of where it would be). */
  public String pointer() {
    return path.pointer();
  }

  /** The human field path, such as {@code spec.environments[0].name}. */
  public String fieldPath() {
    return path.display();
  }

  /** The message without the field path: {@code expected ..., found ...} and any suggestion. */
  public String message() {
    if (keyword.equals(UNKNOWN_FIELD)) {
      return suggestion != null
          ? "unknown field " + found + ", did you mean `" + suggestion + "`?"
          : "unknown field " + found + "; expected " + expected;
    }
    if (keyword.equals(REQUIRED)) {
      return expected.equals("a value")
          ? "required field is missing"
          : "required field is missing; expected " + expected;
    }
    return "expected " + expected + ", found " + found;
  }

  @Override
  public String toString() {
    return path + ": " + message();
  }
}
