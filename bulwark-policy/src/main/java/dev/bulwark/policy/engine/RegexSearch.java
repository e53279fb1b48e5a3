package dev.bulwark.policy.engine;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * CEL's {@code matches()} (an unanchored RE2 search) with a cheap exact pre-check. A pattern {@code
 * A|B|C} matches somewhere exactly when one of its top-level alternatives does, and an alternative
 * can only match a text that contains each literal it requires (a character outside any group or
 * class that no quantifier makes optional). So each alternative is searched only when the text
 * contains its required literals. re2j simulates an NFA whose size grows with counted repetitions
 * such as {@code {0,256}}: the credential pattern cost about 20 µs on every URL, while a {@link
 * String#contains} check costs nanoseconds. Patterns this reading does not fully understand (flags,
 * {@code \Q}, POSIX classes, non-ASCII) are searched as a whole.
 */
final class RegexSearch {

  private final Pattern whole;
  private final List<Branch> branches;

  private RegexSearch(Pattern whole, List<Branch> branches) {
    this.whole = whole;
    this.branches = branches;
  }

  /** Compiles the pattern; fails as re2j does on an invalid one. */
  static RegexSearch compile(String regex) {
    Pattern whole = Pattern.compile(regex);
    List<Branch> branches = null;
    if (understood(regex)) {
      branches = new ArrayList<>();
      for (String alternative : alternatives(regex)) {
        branches.add(new Branch(Pattern.compile(alternative), requiredLiterals(alternative)));
      }
    }
    return new RegexSearch(whole, branches);
  }

  /** Whether the pattern matches anywhere in the text. */
  boolean find(String text) {
    if (branches == null) {
      return whole.matcher(text).find();
    }
    for (Branch branch : branches) {
      if (branch.possible(text) && branch.pattern.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean understood(String regex) {
    if (regex.contains("(?") || regex.contains("[:") || !regex.chars().allMatch(c -> c < 0x80)) {
      return false;
    }
    // Escapes that stand for one character or class; others (\x41, \pL, \Q..\E, \123) read on.
    for (int i = 0; i < regex.length(); i++) {
      if (regex.charAt(i) == '\\') {
        char e = i + 1 < regex.length() ? regex.charAt(i + 1) : ' ';
        if (Character.isLetterOrDigit(e) && "sSdDwWbBAzntrfv".indexOf(e) < 0) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /** The top-level alternatives: split at '|' outside groups, classes and escapes. */
  static List<String> alternatives(String regex) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(regex.substring(from, i));
        from = i + 1;
      }
    }
    out.add(regex.substring(from));
    return out;
  }

  /**
   * Runs of literal characters every match of the alternative contains. Leaving a literal out is
   * always safe (the pre-check only gets weaker), so anything unclear is left out.
   */
  static List<String> requiredLiterals(String alternative) {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < alternative.length()) {
      char c = alternative.charAt(i);
      int next;
      Character literal = null;
      if (c == '\\') {
        if (i + 1 >= alternative.length()) {
          break;
        }
        char e = alternative.charAt(i + 1);
        literal = Character.isLetterOrDigit(e) ? null : e;
        next = i + 2;
      } else if (c == '[') {
        next = classEnd(alternative, i) + 1;
      } else if (c == '(') {
        next = groupEnd(alternative, i) + 1;
      } else {
        literal = ".^$*+?{}|)".indexOf(c) >= 0 ? null : c;
        next = i + 1;
      }
      Quantifier q = Quantifier.at(alternative, next);
      if (literal != null && q.minimum > 0 && q.length == 0) {
        run.append(literal.charValue());
      } else {
        flush(run, runs);
        if (literal != null && q.minimum > 0) {
          runs.add(String.valueOf(literal));
        }
      }
      i = next + q.length;
    }
    flush(run, runs);
    return runs;
  }

  private static void flush(StringBuilder run, List<String> runs) {
    if (!run.isEmpty()) {
      runs.add(run.toString());
      run.setLength(0);
    }
  }

  /** The index of the ']' closing the class that starts at {@code start}. */
  private static int classEnd(String regex, int start) {
    int i = start + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      i += regex.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, regex.length());
  }

  /** The index of the ')' closing the group that starts at {@code start}. */
  private static int groupEnd(String regex, int start) {
    int depth = 0;
    for (int i = start; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(regex, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return regex.length();
  }

  /**
   * The quantifier at a position: how many characters it spans and the fewest repetitions it
   * allows.
   */
  private record Quantifier(int length, int minimum) {
    private static final java.util.regex.Pattern COUNTED =
        java.util.regex.Pattern.compile("\\{(\\d+)(,\\d*)?}\\??");

    static Quantifier at(String regex, int i) {
      if (i >= regex.length()) {
        return new Quantifier(0, 1);
      }
      char c = regex.charAt(i);
      boolean lazy = i + 1 < regex.length() && regex.charAt(i + 1) == '?';
      return switch (c) {
        case '*', '?' -> new Quantifier(lazy ? 2 : 1, 0);
        case '+' -> new Quantifier(lazy ? 2 : 1, 1);
        case '{' -> {
          var m = COUNTED.matcher(regex).region(i, regex.length());
          // Not a valid repetition: '{' is then a literal, which is simply not required.
          yield m.lookingAt()
              ? new Quantifier(
                  m.end() - i, m.group(1).length() > 6 ? 0 : Integer.parseInt(m.group(1)))
              : new Quantifier(0, 0);
        }
        default -> new Quantifier(0, 1);
      };
    }
  }

  private record Branch(Pattern pattern, List<String> required) {
    boolean possible(String text) {
      for (String literal : required) {
        if (!text.contains(literal)) {
          return false;
        }
      }
      return true;
    }
  }
}
