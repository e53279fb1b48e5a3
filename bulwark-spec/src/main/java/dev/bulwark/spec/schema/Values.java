package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;

/** How values are compared and described in error messages. */
public final class Values {

  private static final int PREVIEW = 60;

  /** Equal as JSON values, with numbers compared by value (so 1 equals 1.0). */
  public static final Comparator<JsonNode> NUMERIC =
      (a, b) ->
          a.equals(b)
                  || (isFinite(a)
                      && isFinite(b)
                      && a.decimalValue().compareTo(b.decimalValue()) == 0)
              ? 0
              : 1;

  private Values() {}

  /** Whether two JSON values are equal, numbers by value. */
  public static boolean same(JsonNode a, JsonNode b) {
    return a.equals(NUMERIC, b);
  }

  /**
   * Whether the value is an integer. A number with no fraction (1.0) counts, as it does for the
   * apiserver, which decodes JSON numbers to float64 when they are written with a point.
   */
  public static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) {
      return true;
    }
    if (!isFinite(value)) {
      return false;
    }
    BigDecimal decimal = value.decimalValue();
    return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
  }

  /** Whether the value is a number that has a decimal value (not NaN or infinite). */
  public static boolean isFinite(JsonNode value) {
    return value.isNumber()
        && (value.isIntegralNumber()
            || value.isBigDecimal()
            || Double.isFinite(value.doubleValue()));
  }

  /** The JSON type name of a value: object, array, string, integer, number, boolean or null. */
  public static String typeOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isNumber()) {
      return isInteger(value) ? "integer" : "number";
    } else if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  /** A short description of a value for "found ...": {@code string "abc"}, {@code an object}. */
  public static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    } else if (value.isObject()) {
      return value.isEmpty() ? "an empty object" : "an object";
    } else if (value.isArray()) {
      return value.size() == 1 ? "an array of 1 item" : "an array of " + value.size() + " items";
    } else if (value.isTextual()) {
      return "string " + quote(value.asText());
    } else if (value.isNull()) {
      return "null";
    }
    return typeOf(value) + " " + value.asText();
  }

  /**
   * Like {@link #describe} for a value found where an object or array belongs: a string there is no
   * mistyped form of what was expected and may be a credential put in the wrong place, so its text
   * is not repeated in the error (the error's line and column point at it).
   */
  public static String describeWhereStructureBelongs(JsonNode value) {
    return value != null && value.isTextual() ? "a string" : describe(value);
  }

  /** A scalar as it would be written in JSON, shortened if long. */
  public static String literal(JsonNode value) {
    return value.isTextual()
        ? quote(value.asText())
        : value.isContainerNode() ? describe(value) : value.asText();
  }

  /** A string in double quotes, escaped, and cut to a readable length. */
  public static String quote(String text) {
    String shown = text.length() > PREVIEW ? text.substring(0, PREVIEW) + "..." : text;
    return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
