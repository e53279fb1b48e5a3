package dev.bulwark.policy.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.engine.CelValues;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates exported admission objects as the API server (ValidatingAdmissionPolicy + binding) and
 * Gatekeeper (ConstraintTemplate + Constraint) do, reading nothing but the exported YAML: its match
 * rules, namespace selector, match conditions, variables and validations. Written apart from the
 * engine on purpose, with its own CEL environment, so that the side-by-side test compares two
 * readings of the same CEL.
 */
public final class AdmissionSimulator {

  private final Cel cel;
  private final Map<String, CelRuntime.Program> programs = new HashMap<>();

  public AdmissionSimulator() {
    cel =
        CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("namespaceObject", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            return cel.createProgram(cel.compile(e).getAst());
          } catch (Exception ex) {
            throw new IllegalStateException("exported CEL does not compile: " + e, ex);
          }
        });
  }

  /** The indexes of the failed validations, or null when the policy does not apply. */
  public List<String> evaluateVap(
      JsonNode vap, JsonNode binding, JsonNode object, JsonNode namespace) {
    JsonNode spec = vap.path("spec");
    if (!rulesMatch(spec.path("matchConstraints").path("resourceRules"), object)
        || !selectorMatches(
            binding.path("spec").path("matchResources").path("namespaceSelector"), namespace)) {
      return null;
    }
    return evaluate(
        spec.path("matchConditions"),
        spec.path("variables"),
        spec.path("validations"),
        null,
        object,
        namespace);
  }

  /** The same for a Gatekeeper template and constraint; parameters become variables.params. */
  public List<String> evaluateGatekeeper(
      JsonNode template, JsonNode constraint, JsonNode object, JsonNode namespace) {
    JsonNode match = constraint.path("spec").path("match");
    boolean kindMatches = false;
    for (JsonNode k : match.path("kinds")) {
      String group = group(object);
      boolean groupOk = false;
      for (JsonNode g : k.path("apiGroups")) {
        groupOk |= g.asText().equals(group) || g.asText().equals("*");
      }
      for (JsonNode kind : k.path("kinds")) {
        kindMatches |= groupOk && kind.asText().equals(object.path("kind").asText());
      }
    }
    if (!kindMatches || !selectorMatches(match.path("namespaceSelector"), namespace)) {
      return null;
    }
    JsonNode source = template.at("/spec/targets/0/code/0/source");
    return evaluate(
        source.path("matchConditions"),
        source.path("variables"),
        source.path("validations"),
        constraint.path("spec").path("parameters"),
        object,
        namespace);
  }

  private List<String> evaluate(
      JsonNode conditions,
      JsonNode variableDefs,
      JsonNode validations,
      JsonNode params,
      JsonNode object,
      JsonNode namespace) {
    Map<String, Object> activation = new HashMap<>();
    activation.put("object", CelValues.of(object));
    activation.put("oldObject", NullValue.NULL_VALUE);
    activation.put("namespaceObject", CelValues.of(namespace));
    activation.put(
        "request",
        Map.of(
            "operation",
            "CREATE",
            "namespace",
            object.path("metadata").path("namespace").asText("")));
    activation.put("variables", Map.of());
    for (JsonNode c : conditions) {
      if (!Boolean.TRUE.equals(eval(c.path("expression").asText(), activation))) {
        return null;
      }
    }
    Map<String, String> defs = new LinkedHashMap<>();
    variableDefs.forEach(v -> defs.put(v.path("name").asText(), v.path("expression").asText()));
    Map<String, Object> values = new HashMap<>();
    if (params != null) {
      values.put("params", params.isMissingNode() ? NullValue.NULL_VALUE : CelValues.of(params));
      values.put("anyObject", activation.get("object"));
    }
    activation.put("variables", new Lazy(defs, values, activation));
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < validations.size(); i++) {
      if (!Boolean.TRUE.equals(eval(validations.get(i).path("expression").asText(), activation))) {
        failures.add(String.valueOf(i));
      }
    }
    return failures;
  }

  private Object eval(String expression, Map<String, Object> activation) {
    try {
      return program(expression).eval(activation);
    } catch (Exception e) {
      throw new IllegalStateException(
          "exported CEL failed: " + expression + ": " + e.getMessage(), e);
    }
  }

  private final class Lazy extends AbstractMap<String, Object> {
    private final Map<String, String> defs;
    private final Map<String, Object> values;
    private final Map<String, Object> activation;

    Lazy(Map<String, String> defs, Map<String, Object> values, Map<String, Object> activation) {
      this.defs = defs;
      this.values = values;
      this.activation = activation;
    }

    @Override
    public boolean containsKey(Object key) {
      return values.containsKey(key) || defs.containsKey(key);
    }

    @Override
    public Object get(Object key) {
      if (!values.containsKey(key) && defs.containsKey(key)) {
        values.put((String) key, eval(defs.get(key), activation));
      }
      return values.get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      defs.keySet().forEach(this::get);
      return values.entrySet();
    }
  }

  private static boolean rulesMatch(JsonNode rules, JsonNode object) {
    String group = group(object);
    String resource = plural(object.path("kind").asText());
    for (JsonNode rule : rules) {
      boolean g = false;
      boolean r = false;
      boolean op = false;
      for (JsonNode x : rule.path("apiGroups")) {
        g |= x.asText().equals(group) || x.asText().equals("*");
      }
      for (JsonNode x : rule.path("resources")) {
        r |= x.asText().equals(resource) || x.asText().equals("*");
      }
      for (JsonNode x : rule.path("operations")) {
        op |= x.asText().equals("CREATE") || x.asText().equals("*");
      }
      if (g && r && op) {
        return true;
      }
    }
    return false;
  }

  static boolean selectorMatches(JsonNode selector, JsonNode namespace) {
    if (selector.isMissingNode() || namespace == null) {
      return true;
    }
    JsonNode labels = namespace.path("metadata").path("labels");
    for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String value = labels.path(expr.path("key").asText()).asText(null);
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (expr.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("operator " + expr.path("operator"));
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String group(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  /** The resource name the API server uses for the kinds the library matches. */
  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return lower.endsWith("s") ? lower + "es" : lower + "s";
  }
}
