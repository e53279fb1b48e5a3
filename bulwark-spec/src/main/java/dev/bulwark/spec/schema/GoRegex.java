package dev.bulwark.spec.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regular expressions of OpenAPI {@code pattern}s, which Kubernetes evaluates with
 * Go's RE2, into Java patterns with the same meaning for the syntax schemas use. Two differences
 * matter: RE2 writes named groups {@code (?P<name>...)}, and RE2's {@code $} (without the {@code m}
 * flag) matches only at the very end, where Java's also matches before a final line break, so
 * {@code ^[a-z]+$} would accept {@code "abc\n"}. Constructs RE2 lacks (backreferences, lookaround)
 * are left to Java; a schema that uses them is not valid for Kubernetes anyway.
 */
public final class GoRegex {

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Pattern MULTILINE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*m[a-zA-Z]*[):]");

  private GoRegex() {}

  /**
   * The compiled pattern, cached; throws {@link PatternSyntaxException} if Java cannot compile it.
   */
  public static Pattern compile(String re2) {
    return CACHE.computeIfAbsent(re2, r -> Pattern.compile(translate(r)));
  }

  /** The Java spelling of an RE2 expression. */
  static String translate(String re2) {
    // With the multi-line flag both engines read '$' as end of line: keep it.
    boolean multiline = MULTILINE_FLAG.matcher(re2).find();
    StringBuilder out = new StringBuilder(re2.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < re2.length(); i++) {
      char c = re2.charAt(i);
      if (c == '\\' && i + 1 < re2.length()) {
        out.append(c).append(re2.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        // A ']' right after '[' or '[^' is a literal member, not the end of the class.
        if (i + 1 < re2.length() && re2.charAt(i + 1) == '^') {
          out.append(re2.charAt(++i));
        }
        if (i + 1 < re2.length() && re2.charAt(i + 1) == ']') {
          out.append(re2.charAt(++i));
        }
      } else if (c == '$' && !multiline) {
        out.append("\\z");
      } else if (re2.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
