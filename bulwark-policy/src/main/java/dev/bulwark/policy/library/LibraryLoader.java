package dev.bulwark.policy.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.Severity;
import dev.bulwark.yaml.LocatedYaml;
import dev.bulwark.yaml.YamlDocument;
import dev.bulwark.yaml.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads policy library YAML into {@link PolicyLibrary}. Every mistake names the file, the line and
 * the field, because the library is data that people edit.
 */
public final class LibraryLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /**
   * A bare {@code params} is only declared in a VAP with a paramKind; the library uses
   * variables.params.
   */
  private static final Pattern BARE_PARAMS = Pattern.compile("(?<![.\\w])params\\b");

  private static final String BASE = "/dev/bulwark/policy/library/";

  /** CEL's reserved words, which Kubernetes refuses as variable names. */
  private static final Set<String> RESERVED =
      Set.of(
          "as",
          "break",
          "const",
          "continue",
          "else",
          "false",
          "for",
          "function",
          "if",
          "import",
          "in",
          "let",
          "loop",
          "package",
          "namespace",
          "null",
          "return",
          "true",
          "var",
          "void",
          "while");

  private LibraryLoader() {}

  /** Loads the named resources from {@code dev/bulwark/policy/library/} on the classpath. */
  public static PolicyLibrary fromClasspath(List<String> resources) {
    List<Variable> variables = new ArrayList<>();
    List<Policy> policies = new ArrayList<>();
    for (String name : resources) {
      try (InputStream in = LibraryLoader.class.getResourceAsStream(BASE + name)) {
        if (in == null) {
          throw new LibraryException(
              "policy library resource " + BASE + name + " is missing from the classpath");
        }
        read(name, new InputStreamReader(in, StandardCharsets.UTF_8), variables, policies);
      } catch (IOException e) {
        throw new LibraryException(
            "cannot read policy library resource " + name + ": " + e.getMessage(), e);
      }
    }
    return check(new PolicyLibrary(variables, policies));
  }

  /** Reads one library file, adding its variables and policies to the lists. */
  public static void read(
      String source, Reader reader, List<Variable> variables, List<Policy> policies) {
    List<YamlDocument> documents;
    try {
      documents = LocatedYaml.read(source, reader);
    } catch (YamlSyntaxException e) {
      throw new LibraryException(e.getMessage(), e);
    }
    for (YamlDocument doc : documents) {
      Fields root = new Fields(doc, "", doc.content());
      for (Fields v : root.list("variables")) {
        variables.add(new Variable(v.identifier("name"), v.text("expression")));
      }
      for (Fields p : root.list("policies")) {
        policies.add(policy(p));
      }
    }
  }

  private static Policy policy(Fields p) {
    String id = p.text("id");
    if (!ID.matcher(id).matches() || id.length() > 40) {
      throw p.error("id", "a DNS label of at most 40 characters, got '" + id + "'");
    }
    String group = p.oneOf("group", Policy.GROUP_PSS, Policy.GROUP_PLATFORM);
    String level =
        Policy.GROUP_PSS.equals(group)
            ? p.oneOf("level", Policy.BASELINE, Policy.RESTRICTED)
            : null;
    Fields match = p.object("match");
    List<String> kinds = match.strings("kinds");
    for (String kind : kinds) {
      if (Kinds.byName(kind).isEmpty()) {
        throw match.error("kinds", "a kind Bulwark knows how to match, got '" + kind + "'");
      }
    }
    List<String> operations =
        match.has("operations") ? match.strings("operations") : List.of("CREATE", "UPDATE");
    List<Variable> variables = new ArrayList<>();
    for (Fields v : p.optionalList("variables")) {
      variables.add(new Variable(v.identifier("name"), v.text("expression")));
    }
    List<Validation> validations = new ArrayList<>();
    for (Fields v : p.list("validations")) {
      validations.add(
          new Validation(
              v.text("expression"),
              v.optionalText("message"),
              v.optionalText("messageExpression")));
    }
    if (validations.isEmpty()) {
      throw p.error("validations", "at least one validation");
    }
    return new Policy(
        id,
        p.text("title"),
        p.text("description"),
        group,
        level,
        p.parse("severity", Severity::parse),
        p.parse("category", Category::parse),
        Policy.Action.valueOf(p.oneOf("action", "deny", "warn").toUpperCase(Locale.ROOT)),
        p.has("exemptible") ? p.bool("exemptible") : !Policy.GROUP_PSS.equals(group),
        new Match(kinds, operations),
        p.has("params") ? p.object("params").values() : Map.of(),
        variables,
        validations,
        p.text("remediation"),
        p.optionalStrings("references"));
  }

  /** Checks the library as a whole: unique ids and variable names, no bare params. */
  static PolicyLibrary check(PolicyLibrary library) {
    Set<String> ids = new HashSet<>();
    Set<String> shared = new HashSet<>();
    for (Variable v : library.variables()) {
      if (!shared.add(v.name())) {
        throw new LibraryException("shared variable '" + v.name() + "' is defined twice");
      }
      bareParams("variable " + v.name(), v.expression());
    }
    for (Policy policy : library.policies()) {
      if (!ids.add(policy.id())) {
        throw new LibraryException("policy id '" + policy.id() + "' is used twice");
      }
      for (Variable v : policy.variables()) {
        if (shared.contains(v.name()) || "params".equals(v.name())) {
          throw new LibraryException(
              "policy "
                  + policy.id()
                  + ": variable '"
                  + v.name()
                  + "' shadows a shared or reserved name");
        }
        bareParams("policy " + policy.id() + " variable " + v.name(), v.expression());
      }
      for (Validation v : policy.validations()) {
        bareParams("policy " + policy.id(), v.expression());
        if (v.messageExpression() != null) {
          bareParams("policy " + policy.id(), v.messageExpression());
        }
      }
    }
    return library;
  }

  private static void bareParams(String where, String expression) {
    if (BARE_PARAMS.matcher(expression.replaceAll("'[^']*'", "''")).find()) {
      throw new LibraryException(
          where
              + ": use variables.params.<name>, not params, so that the same CEL runs in VAP and Gatekeeper");
    }
  }

  /** A located view of one YAML mapping, for reading fields with precise errors. */
  private record Fields(YamlDocument doc, String pointer, JsonNode node) {

    LibraryException error(String field, String expected) {
      return new LibraryException(
          doc.locate(pointer + "/" + field) + ": field " + path(field) + ": expected " + expected);
    }

    private String path(String field) {
      return (pointer + "/" + field).substring(1).replace('/', '.');
    }

    boolean has(String field) {
      return node.has(field) && !node.get(field).isNull();
    }

    String text(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
        throw error(field, "a non-empty string");
      }
      return value.asText();
    }

    String optionalText(String field) {
      return has(field) ? text(field) : null;
    }

    String identifier(String field) {
      String name = text(field);
      if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
        throw error(field, "a CEL identifier that is not a reserved word, got '" + name + "'");
      }
      return name;
    }

    boolean bool(String field) {
      JsonNode value = node.get(field);
      if (!value.isBoolean()) {
        throw error(field, "true or false");
      }
      return value.booleanValue();
    }

    String oneOf(String field, String... allowed) {
      String value = text(field);
      for (String a : allowed) {
        if (a.equals(value)) {
          return value;
        }
      }
      throw error(field, "one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }

    <T> T parse(String field, java.util.function.Function<String, T> parser) {
      try {
        return parser.apply(text(field));
      } catch (IllegalArgumentException e) {
        throw error(field, e.getMessage());
      }
    }

    Fields object(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isObject()) {
        throw error(field, "a mapping");
      }
      return new Fields(doc, pointer + "/" + LocatedYaml.escape(field), value);
    }

    List<Fields> list(String field) {
      JsonNode value = node.get(field);
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        throw error(field, "a list");
      }
      List<Fields> items = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isObject()) {
          throw error(field + "/" + i, "a mapping");
        }
        items.add(new Fields(doc, pointer + "/" + field + "/" + i, value.get(i)));
      }
      return items;
    }

    List<Fields> optionalList(String field) {
      return has(field) ? list(field) : List.of();
    }

    List<String> strings(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isArray() || value.isEmpty()) {
        throw error(field, "a non-empty list of strings");
      }
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return items;
    }

    List<String> optionalStrings(String field) {
      return has(field) ? strings(field) : List.of();
    }

    Map<String, Object> values() {
      Map<String, Object> values = new LinkedHashMap<>();
      node.properties().forEach(e -> values.put(e.getKey(), ParamValues.fromJson(e.getValue())));
      return values;
    }
  }
}
