package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.api.Quantities;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code format}s Kubernetes checks, and what each expects. Formats the apiserver does not
 * check (or that name a Go type only, like {@code double}) are accepted as they are.
 */
final class Formats {

  private static final Pattern UUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Formats() {}

  /** What the format asks for, if the value breaks it; empty if it conforms or is not checked. */
  static Optional<String> violation(String format, JsonNode value) {
    if (value.isIntegralNumber() || Values.isInteger(value)) {
      return integer(format, value.bigIntegerValue());
    }
    if (!value.isTextual()) {
      return Optional.empty();
    }
    String text = value.asText();
    boolean ok =
        switch (format) {
          case "date-time", "datetime" -> isDateTime(text);
          case "date" -> isDate(text);
          case "byte" -> isBase64(text);
          case "uuid" -> UUID.matcher(text).matches();
          case "ipv4" ->
              IpAddresses.parseIp(text)
                  .filter(b -> b.length == 4 && !text.contains(":"))
                  .isPresent();
          case "ipv6" -> text.contains(":") && IpAddresses.parseIp(text).isPresent();
          case "cidr" -> IpAddresses.parseCidr(text).isPresent();
          default -> true;
        };
    return ok ? Optional.empty() : Optional.of(expectation(format));
  }

  private static Optional<String> integer(String format, BigInteger value) {
    return switch (format) {
      case "int32" ->
          outside(value, INT32_MIN, INT32_MAX) ? Optional.of("a 32-bit integer") : Optional.empty();
      case "int64" ->
          outside(value, INT64_MIN, INT64_MAX) ? Optional.of("a 64-bit integer") : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static boolean outside(BigInteger value, BigInteger min, BigInteger max) {
    return value.compareTo(min) < 0 || value.compareTo(max) > 0;
  }

  private static String expectation(String format) {
    return switch (format) {
      case "date-time", "datetime" -> "an RFC 3339 date-time such as 2026-01-31T12:00:00Z";
      case "date" -> "a date such as 2026-01-31";
      case "byte" -> "base64-encoded bytes";
      case "uuid" -> "a UUID";
      case "ipv4" -> "an IPv4 address";
      case "ipv6" -> "an IPv6 address";
      case "cidr" -> "a CIDR such as 10.0.0.0/8";
      default -> "format " + format;
    };
  }

  /** Whether the text is a Kubernetes quantity such as 500m, 1.5Gi or 1e3. */
  static boolean isQuantity(String text) {
    return Quantities.isQuantity(text);
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      // The apiserver's strfmt also takes a local date-time without an offset.
    }
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
