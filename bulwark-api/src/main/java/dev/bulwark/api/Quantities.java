package dev.bulwark.api;

import java.util.regex.Pattern;

/**
 * The grammar of Kubernetes' {@code resource.Quantity}, as apimachinery documents it:
 *
 * <pre>
 * quantity       ::= signedNumber suffix
 * signedNumber   ::= [+|-] number
 * number         ::= digits | digits.digits | digits. | .digits
 * suffix         ::= binarySI | decimalExponent | decimalSI
 * binarySI       ::= Ki | Mi | Gi | Ti | Pi | Ei
 * decimalSI      ::= m | "" | k | M | G | T | P | E
 * decimalExponent ::= (e | E) signedInteger
 * </pre>
 *
 * <p>Two narrowings keep every accepted text one the API server parses: the exponent is an integer
 * (the documented grammar allows a fraction there, which the parser refuses), and it has at most 3
 * digits (the parser refuses one beyond 64 bits and takes very long over one of ten digits, while
 * any quantity beyond 10^18 is capped anyway). The parser also takes a few degenerate texts the
 * grammar does not ({@code "."}, {@code "-"}, {@code "Gi"}); refusing those is deliberate.
 *
 * <p>The same expression is the CRDs' {@code pattern} and {@code bulwark validate}'s check, so the
 * two cannot drift. It uses only syntax that Java's and Go's (RE2) regular expressions share.
 */
public final class Quantities {

  /** The quantity grammar as a regular expression. */
  public static final String PATTERN =
      "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]{1,3})?$";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);

  private Quantities() {}

  /** Whether the text is a Kubernetes quantity such as 500m, 1.5Gi or 1e3. */
  public static boolean isQuantity(String text) {
    return COMPILED.matcher(text).matches();
  }
}
