package dev.bulwark.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SPDX licence expression ({@code Apache-2.0}, {@code Elastic-2.0 AND (AGPL-3.0-only OR
 * SSPL-1.0)}), reduced to what licence policy needs: which identifiers it names, and which of them
 * stand in the way of an allow-list. {@code OR} means the user may pick any one branch; {@code AND}
 * means all apply. {@code X WITH exception} counts as {@code X}: an exception only grants more.
 */
public final class LicenseExpression {

  private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[A-Za-z0-9.+:-]+)");

  private final String text;
  private final Node root;

  private LicenseExpression(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses an expression, or throws {@link IllegalArgumentException} naming what is wrong. */
  public static LicenseExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "empty licence expression: expected an SPDX identifier such as Apache-2.0");
    }
    Parser parser = new Parser(text, tokens(text));
    Node root = parser.or();
    if (parser.pos != parser.tokens.size()) {
      throw new IllegalArgumentException(
          "licence expression '" + text + "': unexpected '" + parser.tokens.get(parser.pos) + "'");
    }
    return new LicenseExpression(text.trim(), root);
  }

  /** Every licence identifier the expression names, in order of appearance. */
  public Set<String> identifiers() {
    Set<String> ids = new LinkedHashSet<>();
    root.collect(ids);
    return ids;
  }

  /** Whether the allow-list permits at least one way of complying with the expression. */
  public boolean isSatisfiedBy(Set<String> allowed) {
    return root.unmet(allowed).isEmpty();
  }

  /**
   * The identifiers that keep the expression from being satisfied: for {@code AND} those of every
   * operand, for an unsatisfied {@code OR} those of all its branches (any one would do).
   */
  public Set<String> unmet(Set<String> allowed) {
    return root.unmet(allowed);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LicenseExpression other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        if (text.substring(at).isBlank()) {
          break;
        }
        throw new IllegalArgumentException(
            "licence expression '" + text + "': unexpected character at position " + (at + 1));
      }
      tokens.add(m.group(1));
      at = m.end();
    }
    return tokens;
  }

  private sealed interface Node permits Leaf, All, Any {
    void collect(Set<String> ids);

    Set<String> unmet(Set<String> allowed);
  }

  private record Leaf(String id) implements Node {
    public void collect(Set<String> ids) {
      ids.add(id);
    }

    public Set<String> unmet(Set<String> allowed) {
      return allowed.contains(id) ? Set.of() : Set.of(id);
    }
  }

  private record All(List<Node> operands) implements Node {
    public void collect(Set<String> ids) {
      operands.forEach(o -> o.collect(ids));
    }

    public Set<String> unmet(Set<String> allowed) {
      Set<String> unmet = new LinkedHashSet<>();
      operands.forEach(o -> unmet.addAll(o.unmet(allowed)));
      return unmet;
    }
  }

  private record Any(List<Node> branches) implements Node {
    public void collect(Set<String> ids) {
      branches.forEach(b -> b.collect(ids));
    }

    public Set<String> unmet(Set<String> allowed) {
      Set<String> unmet = new LinkedHashSet<>();
      for (Node branch : branches) {
        Set<String> missing = branch.unmet(allowed);
        if (missing.isEmpty()) {
          return Set.of();
        }
        unmet.addAll(missing);
      }
      return unmet;
    }
  }

  /** Recursive descent: OR binds loosest, then AND, then WITH, then parentheses. */
  private static final class Parser {
    private final String text;
    private final List<String> tokens;
    private int pos;

    Parser(String text, List<String> tokens) {
      this.text = text;
      this.tokens = tokens;
    }

    Node or() {
      List<Node> branches = new ArrayList<>(List.of(and()));
      while (accept("OR")) {
        branches.add(and());
      }
      return branches.size() == 1 ? branches.get(0) : new Any(List.copyOf(branches));
    }

    Node and() {
      List<Node> operands = new ArrayList<>(List.of(primary()));
      while (accept("AND")) {
        operands.add(primary());
      }
      return operands.size() == 1 ? operands.get(0) : new All(List.copyOf(operands));
    }

    Node primary() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException(
            "licence expression '" + text + "' ends early: expected a licence identifier");
      }
      String token = tokens.get(pos++);
      if (token.equals("(")) {
        Node inner = or();
        if (!accept(")")) {
          throw new IllegalArgumentException("licence expression '" + text + "': missing ')'");
        }
        return inner;
      }
      if (List.of(")", "AND", "OR", "WITH").contains(token)) {
        throw new IllegalArgumentException(
            "licence expression '"
                + text
                + "': expected a licence identifier, found '"
                + token
                + "'");
      }
      if (accept("WITH")) {
        if (pos >= tokens.size()) {
          throw new IllegalArgumentException(
              "licence expression '" + text + "': expected an exception after WITH");
        }
        pos++; // the exception identifier: it only grants more, so the base licence decides
      }
      return new Leaf(token);
    }

    private boolean accept(String token) {
      if (pos < tokens.size() && tokens.get(pos).equals(token)) {
        pos++;
        return true;
      }
      return false;
    }
  }
}
