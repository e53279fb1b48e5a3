package dev.bulwark.policy.library;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which variables a policy needs. A ValidatingAdmissionPolicy carries its own variable list, so
 * each exported policy gets exactly the shared variables its expressions reach, in library order
 * (which is dependency order), followed by its own.
 */
public final class VariableGraph {

  private static final Pattern REFERENCE = Pattern.compile("variables\\.([A-Za-z_][A-Za-z0-9_]*)");

  private VariableGraph() {}

  /** The variables of {@code policy}, shared ones first, each after the variables it uses. */
  public static List<Variable> variablesFor(PolicyLibrary library, Policy policy) {
    Map<String, Variable> all = new HashMap<>();
    library.variables().forEach(v -> all.put(v.name(), v));
    policy.variables().forEach(v -> all.put(v.name(), v));
    Set<String> needed = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (Validation v : policy.validations()) {
      references(v.expression()).forEach(todo::push);
      if (v.messageExpression() != null) {
        references(v.messageExpression()).forEach(todo::push);
      }
    }
    policy.variables().forEach(v -> todo.push(v.name()));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if ("params".equals(name) || !needed.add(name)) {
        continue;
      }
      Variable v = all.get(name);
      if (v == null) {
        throw new LibraryException(
            "policy " + policy.id() + " uses variables." + name + ", which no variable defines");
      }
      references(v.expression()).forEach(todo::push);
    }
    List<Variable> ordered = new ArrayList<>();
    library.variables().stream().filter(v -> needed.contains(v.name())).forEach(ordered::add);
    ordered.addAll(policy.variables());
    return ordered;
  }

  /** Whether any of the policy's expressions use {@code variables.params}. */
  public static boolean usesParams(PolicyLibrary library, Policy policy) {
    List<String> expressions = new ArrayList<>();
    variablesFor(library, policy).forEach(v -> expressions.add(v.expression()));
    policy
        .validations()
        .forEach(
            v -> {
              expressions.add(v.expression());
              if (v.messageExpression() != null) {
                expressions.add(v.messageExpression());
              }
            });
    return expressions.stream().anyMatch(e -> references(e).contains("params"));
  }

  static Set<String> references(String expression) {
    Set<String> names = new HashSet<>();
    Matcher m = REFERENCE.matcher(expression);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
