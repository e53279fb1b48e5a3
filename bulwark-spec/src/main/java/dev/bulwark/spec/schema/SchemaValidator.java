package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a JSON value against an OpenAPI schema the way Kubernetes does, and reports every
 * violation with its JSON Pointer, field path, what was expected and what was found.
 *
 * <p>Two dialects: {@link Dialect#STRUCTURAL} for the {@code openAPIV3Schema} of a
 * CustomResourceDefinition (structural schemas, as the apiserver validates custom resources), and
 * {@link Dialect#SWAGGER} for the definitions of Kubernetes' own swagger 2.0 document, where {@code
 * $ref: #/definitions/<name>} is resolved against the document given to {@link #swagger(JsonNode)}.
 *
 * <p>Supported: {@code type} (object, array, string, integer, number, boolean), {@code properties},
 * {@code additionalProperties} (boolean or schema), {@code required}, {@code enum}, {@code pattern}
 * (RE2, see {@link GoRegex}), {@code minimum}/{@code maximum} with the boolean {@code
 * exclusiveMinimum}/{@code exclusiveMaximum}, {@code multipleOf}, {@code minLength}/ {@code
 * maxLength} (in code points), {@code minItems}/{@code maxItems}, {@code uniqueItems}, {@code
 * minProperties}/{@code maxProperties}, {@code items}, {@code nullable}, {@code format}
 * (int-or-string, date-time, date, byte, uuid, ipv4, ipv6, cidr, int32, int64), {@code
 * x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields}, {@code
 * x-kubernetes-embedded-resource}, {@code x-kubernetes-list-type} set and map (with {@code
 * x-kubernetes-list-map-keys}), {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}.
 *
 * <p>Unknown fields are errors (as with {@code kubectl apply --validate=strict}), with a "did you
 * mean" suggestion, except under {@code x-kubernetes-preserve-unknown-fields} or where {@code
 * additionalProperties} allows them. They are only judged where the schema says {@code type:
 * object}: inside {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}, which in a structural
 * schema carry value validations only, fields are never reported as unknown.
 *
 * <p>Swagger quirks: {@code io.k8s.apimachinery.pkg.util.intstr.IntOrString} is {@code type:
 * string, format: int-or-string} and accepts integers; {@code
 * io.k8s.apimachinery.pkg.api.resource.Quantity} is a string that may be written as a number, and
 * must parse as a quantity; {@code null} is accepted anywhere (Go decodes it to the zero value); an
 * object type with neither properties nor additionalProperties ({@code RawExtension}, {@code
 * FieldsV1}) takes any fields.
 *
 * <p>Not evaluated: CEL rules ({@code x-kubernetes-validations}), which need a CEL runtime and the
 * apiserver's cost limits; formats the apiserver does not check. Defaults are applied separately by
 * {@link SchemaDefaults}, before validation, as the apiserver does.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SchemaValidator {

  /** Which flavour of OpenAPI the schemas are written in. */
  public enum Dialect {
    /** A CRD's structural {@code openAPIV3Schema}. */
    STRUCTURAL,
    /** Kubernetes' swagger 2.0 definitions. */
    SWAGGER
  }

  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  private static final String DEFINITIONS = "#/definitions/";
  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private static final SchemaValidator STRUCTURAL =
      new SchemaValidator(MissingNode.getInstance(), Dialect.STRUCTURAL);

  private final JsonNode document;
  private final Dialect dialect;

  private SchemaValidator(JsonNode document, Dialect dialect) {
    this.document = document;
    this.dialect = dialect;
  }

  /** A validator for CRD structural schemas (no {@code $ref}). */
  public static SchemaValidator structural() {
    return STRUCTURAL;
  }

  /** A validator for the definitions of a swagger 2.0 document, resolving {@code $ref}s in it. */
  public static SchemaValidator swagger(JsonNode swagger) {
    return new SchemaValidator(Objects.requireNonNull(swagger, "swagger"), Dialect.SWAGGER);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The swagger definition with this name, or a missing node. */
  public JsonNode definition(String name) {
    return document.path("definitions").path(name);
  }

  /** Every way {@code value} breaks {@code schema}; empty if it conforms. */
  public List<SchemaError> validate(JsonNode schema, JsonNode value) {
    return validate(schema, value, FieldPath.root());
  }

  /**
   * Like {@link #validate(JsonNode, JsonNode)} for a value found at {@code at} in a larger
   * document.
   */
  public List<SchemaError> validate(JsonNode schema, JsonNode value, FieldPath at) {
    List<SchemaError> errors = new ArrayList<>();
    new Walk(errors, true, Set.of()).check(schema, value, at);
    return List.copyOf(errors);
  }

  /**
   * Validates a whole custom resource against its CRD's {@code openAPIV3Schema}. As in the
   * apiserver, {@code apiVersion}, {@code kind} and {@code metadata} are allowed at the root
   * whether or not the schema declares them; {@code apiVersion} and {@code kind} must be strings
   * and {@code metadata} an object, whose content the caller checks as an ObjectMeta.
   */
  public List<SchemaError> validateResource(JsonNode schema, JsonNode object) {
    List<SchemaError> errors = new ArrayList<>();
    Walk walk = new Walk(errors, true, RESOURCE_FIELDS);
    if (object.isObject()) {
      walk.typeMetaAndMetadata(object, FieldPath.root(), false);
    }
    walk.check(schema, object, FieldPath.root());
    return List.copyOf(errors);
  }

  /** Resolves a {@code $ref} against the document; a missing node if it points nowhere. */
  JsonNode resolve(String ref) {
    if (ref.startsWith(DEFINITIONS)) {
      return definition(ref.substring(DEFINITIONS.length()).replace("~1", "/").replace("~0", "~"));
    }
    return ref.startsWith("#/") ? document.at(ref.substring(1)) : MissingNode.getInstance();
  }

  /**
   * One validation pass. {@code structure} is false inside allOf/anyOf/oneOf/not, where a
   * structural schema holds value validations only and must not judge which fields exist; {@code
   * implicit} are root fields allowed without being declared.
   */
  private final class Walk {
    private final List<SchemaError> out;
    private final boolean structure;
    private final Set<String> implicit;

    Walk(List<SchemaError> out, boolean structure, Set<String> implicit) {
      this.out = out;
      this.structure = structure;
      this.implicit = implicit;
    }

    void check(JsonNode schema, JsonNode value, FieldPath at) {
      JsonNode resolved = schema;
      if (schema.hasNonNull("$ref")) {
        String ref = schema.get("$ref").asText();
        if (ref.equals(DEFINITIONS + QUANTITY)) {
          quantity(value, at);
          return;
        }
        resolved = resolve(ref);
        if (resolved.isMissingNode()) {
          error(at, "$ref", "a schema at " + ref, "no such definition");
          return;
        }
      }
      if (value.isNull()) {
        if (dialect == Dialect.STRUCTURAL && !resolved.path("nullable").asBoolean(false)) {
          error(at, "nullable", expectedType(resolved), "null");
        }
        return;
      }
      if (!type(resolved, value, at)) {
        return;
      }
      scalars(resolved, value, at);
      if (value.isArray()) {
        array(resolved, value, at);
      } else if (value.isObject()) {
        object(resolved, value, at);
      }
      junctors(resolved, value, at);
    }

    private void quantity(JsonNode value, FieldPath at) {
      boolean ok =
          value.isNull()
              || value.isNumber()
              || (value.isTextual() && Formats.isQuantity(value.asText()));
      if (!ok) {
        error(at, "format", "a quantity such as 500m, 2 or 1.5Gi", Values.describe(value));
      }
    }

    private boolean type(JsonNode schema, JsonNode value, FieldPath at) {
      if (schema.path("x-kubernetes-int-or-string").asBoolean(false)
          || "int-or-string".equals(schema.path("format").asText())) {
        boolean ok = value.isTextual() || Values.isInteger(value);
        if (!ok) {
          error(at, "type", "integer or string", Values.describe(value));
        }
        return ok;
      }
      JsonNode type = schema.get("type");
      if (type == null || !type.isTextual()) {
        return true;
      }
      String expected = type.asText();
      boolean ok =
          switch (expected) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> Values.isInteger(value);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
          };
      if (!ok) {
        String found =
            expected.equals("object") || expected.equals("array")
                ? Values.describeWhereStructureBelongs(value)
                : Values.describe(value);
        if (expected.equals("string") && (value.isNumber() || value.isBoolean())) {
          found += " (quote the value to make it a string)";
        }
        error(at, "type", expected, found);
      }
      return ok;
    }

    private void scalars(JsonNode schema, JsonNode value, FieldPath at) {
      JsonNode enumeration = schema.get("enum");
      if (enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) {
        boolean listed = false;
        List<String> allowed = new ArrayList<>();
        for (JsonNode option : enumeration) {
          listed |= Values.same(option, value);
          allowed.add(Values.literal(option));
        }
        if (!listed) {
          error(at, "enum", "one of " + String.join(", ", allowed), Values.describe(value));
        }
      }
      if (schema.hasNonNull("format") && !"int-or-string".equals(schema.get("format").asText())) {
        Formats.violation(schema.get("format").asText(), value)
            .ifPresent(expected -> error(at, "format", expected, Values.describe(value)));
      }
      if (value.isTextual()) {
        string(schema, value.asText(), at);
      } else if (Values.isFinite(value)) {
        number(schema, value, at);
      }
    }

    private void string(JsonNode schema, String text, FieldPath at) {
      int length = text.codePointCount(0, text.length());
      if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
        error(
            at,
            "minLength",
            "at least " + schema.get("minLength").asLong() + " characters",
            length + " characters");
      }
      if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
        error(
            at,
            "maxLength",
            "at most " + schema.get("maxLength").asLong() + " characters",
            length + " characters");
      }
      if (schema.hasNonNull("pattern")) {
        String pattern = schema.get("pattern").asText();
        try {
          if (!GoRegex.compile(pattern).matcher(text).find()) {
            error(at, "pattern", "a string matching " + pattern, Values.quote(text));
          }
        } catch (PatternSyntaxException e) {
          error(
              at,
              "pattern",
              "a schema pattern that compiles",
              "pattern " + pattern + ": " + e.getDescription());
        }
      }
    }

    private void number(JsonNode schema, JsonNode value, FieldPath at) {
      BigDecimal number = value.decimalValue();
      if (schema.hasNonNull("minimum")) {
        BigDecimal min = schema.get("minimum").decimalValue();
        boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
        int cmp = number.compareTo(min);
        if (cmp < 0 || (exclusive && cmp == 0)) {
          error(
              at,
              "minimum",
              (exclusive ? "more than " : "at least ") + plain(min),
              Values.describe(value));
        }
      }
      if (schema.hasNonNull("maximum")) {
        BigDecimal max = schema.get("maximum").decimalValue();
        boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
        int cmp = number.compareTo(max);
        if (cmp > 0 || (exclusive && cmp == 0)) {
          error(
              at,
              "maximum",
              (exclusive ? "less than " : "at most ") + plain(max),
              Values.describe(value));
        }
      }
      if (schema.hasNonNull("multipleOf")) {
        BigDecimal step = schema.get("multipleOf").decimalValue();
        if (step.signum() > 0 && number.remainder(step).signum() != 0) {
          error(at, "multipleOf", "a multiple of " + plain(step), Values.describe(value));
        }
      }
    }

    private static String plain(BigDecimal number) {
      return number.stripTrailingZeros().toPlainString();
    }

    private void array(JsonNode schema, JsonNode value, FieldPath at) {
      int size = value.size();
      if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
        error(
            at,
            "minItems",
            "at least " + count(schema.get("minItems").asLong(), "item"),
            Values.describe(value));
      }
      if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
        error(
            at,
            "maxItems",
            "at most " + count(schema.get("maxItems").asLong(), "item"),
            Values.describe(value));
      }
      JsonNode items = schema.get("items");
      if (items != null && items.isObject()) {
        for (int i = 0; i < size; i++) {
          check(items, value.get(i), at.index(i));
        }
      }
      ListRules.check(schema, value, at, out);
    }

    private static String count(long n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void object(JsonNode schema, JsonNode value, FieldPath at) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
      if (embedded) {
        typeMetaAndMetadata(value, at, true);
      }
      boolean rootLevel = at.pointer().isEmpty();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String name = field.getKey();
        FieldPath child = at.key(name);
        if (rootLevel && implicit.contains(name) && name.equals("metadata")) {
          // A resource's metadata is an ObjectMeta whatever the CRD says; the caller checks it.
          continue;
        }
        if (properties.has(name)) {
          check(properties.get(name), field.getValue(), child);
        } else if (additional != null && additional.isObject()) {
          check(additional, field.getValue(), child);
        } else if (!((embedded || rootLevel && implicit.contains(name))
                && RESOURCE_FIELDS.contains(name))
            && judgesFields(schema, properties, additional)) {
          unknown(name, properties, child);
        }
      }
      for (JsonNode required : schema.path("required")) {
        String name = required.asText();
        if (!value.has(name) || (value.get(name).isNull() && dialect == Dialect.STRUCTURAL)) {
          JsonNode property = properties.path(name);
          error(
              at.key(name),
              SchemaError.REQUIRED,
              property.isMissingNode() ? "a value" : expectedType(property),
              "nothing");
        }
      }
      if (schema.has("minProperties") && value.size() < schema.get("minProperties").asLong()) {
        error(
            at,
            "minProperties",
            "at least " + count(schema.get("minProperties").asLong(), "field"),
            count(value.size(), "field"));
      }
      if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asLong()) {
        error(
            at,
            "maxProperties",
            "at most " + count(schema.get("maxProperties").asLong(), "field"),
            count(value.size(), "field"));
      }
    }

    /** Whether this schema decides which fields may exist (and so reports the others). */
    private boolean judgesFields(JsonNode schema, JsonNode properties, JsonNode additional) {
      if (!structure || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        return false;
      }
      if (additional != null && additional.isBoolean()) {
        return !additional.asBoolean();
      }
      if (!"object".equals(schema.path("type").asText())) {
        return false;
      }
      // Swagger's RawExtension and FieldsV1 are "type: object" with no fields: free-form in Go.
      return !(dialect == Dialect.SWAGGER && properties.isEmpty() && additional == null);
    }

    private void unknown(String name, JsonNode properties, FieldPath child) {
      List<String> known = new ArrayList<>();
      properties.fieldNames().forEachRemaining(known::add);
      known.sort(null);
      String expected = known.isEmpty() ? "no fields here" : "one of " + summary(known);
      out.add(
          new SchemaError(
              child,
              SchemaError.UNKNOWN_FIELD,
              expected,
              "`" + name + "`",
              Suggestions.closest(name, known).orElse(null)));
    }

    private static String summary(List<String> names) {
      int shown = Math.min(names.size(), 12);
      String listed = String.join(", ", names.subList(0, shown));
      return shown < names.size() ? listed + ", ... (" + names.size() + " fields)" : listed;
    }

    /** An embedded object (or a custom resource's root) carries apiVersion, kind and metadata. */
    void typeMetaAndMetadata(JsonNode value, FieldPath at, boolean requireTypeMeta) {
      for (String name : List.of("apiVersion", "kind")) {
        JsonNode field = value.get(name);
        if (field == null || field.isNull() || (field.isTextual() && field.asText().isEmpty())) {
          if (requireTypeMeta) {
            error(at.key(name), SchemaError.REQUIRED, "string", "nothing");
          }
        } else if (!field.isTextual()) {
          error(at.key(name), "type", "string", Values.describe(field));
        }
      }
      JsonNode metadata = value.get("metadata");
      if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
        error(at.key("metadata"), "type", "object", Values.describe(metadata));
      }
    }

    private void junctors(JsonNode schema, JsonNode value, FieldPath at) {
      Walk branch = new Walk(out, false, Set.of());
      for (JsonNode sub : schema.path("allOf")) {
        branch.check(sub, value, at);
      }
      JsonNode anyOf = schema.get("anyOf");
      if (anyOf != null && anyOf.isArray() && !anyOf.isEmpty()) {
        List<List<SchemaError>> failures = branches(anyOf, value, at);
        if (failures.stream().noneMatch(List::isEmpty)) {
          alternatives(at, "anyOf", "at least one of", failures, Values.describe(value));
        }
      }
      JsonNode oneOf = schema.get("oneOf");
      if (oneOf != null && oneOf.isArray() && !oneOf.isEmpty()) {
        List<List<SchemaError>> failures = branches(oneOf, value, at);
        long passing = failures.stream().filter(List::isEmpty).count();
        if (passing == 0) {
          alternatives(at, "oneOf", "exactly one of", failures, Values.describe(value));
        } else if (passing > 1) {
          error(
              at,
              "oneOf",
              "exactly one of " + oneOf.size() + " alternatives to match",
              Values.describe(value) + " matching " + passing);
        }
      }
      JsonNode not = schema.get("not");
      if (not != null && not.isObject()) {
        List<SchemaError> errors = new ArrayList<>();
        new Walk(errors, false, Set.of()).check(not, value, at);
        if (errors.isEmpty()) {
          error(at, "not", "a value that does not match " + not, Values.describe(value));
        }
      }
    }

    private List<List<SchemaError>> branches(JsonNode alternatives, JsonNode value, FieldPath at) {
      List<List<SchemaError>> failures = new ArrayList<>();
      for (JsonNode sub : alternatives) {
        List<SchemaError> errors = new ArrayList<>();
        new Walk(errors, false, Set.of()).check(sub, value, at);
        failures.add(errors);
      }
      return failures;
    }

    private void alternatives(
        FieldPath at,
        String keyword,
        String quantifier,
        List<List<SchemaError>> failures,
        String found) {
      if (failures.size() == 1) {
        out.addAll(failures.get(0));
        return;
      }
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < failures.size(); i++) {
        SchemaError first = failures.get(i).get(0);
        String where = first.path().equals(at) ? "" : first.fieldPath() + ": ";
        reasons.add((i + 1) + ": " + where + first.message());
      }
      error(
          at,
          keyword,
          quantifier + " these alternatives (" + String.join("; ", reasons) + ")",
          found);
    }

    private void error(FieldPath at, String keyword, String expected, String found) {
      out.add(new SchemaError(at, keyword, expected, found, null));
    }
  }

  /** The type a schema asks for, in words, for "expected ..." when a value is missing or null. */
  String expectedType(JsonNode schema) {
    JsonNode resolved = schema.hasNonNull("$ref") ? resolve(schema.get("$ref").asText()) : schema;
    if (resolved.path("x-kubernetes-int-or-string").asBoolean(false)
        || "int-or-string".equals(resolved.path("format").asText())) {
      return "integer or string";
    }
    return resolved.hasNonNull("type") ? resolved.get("type").asText() : "a value";
  }
}
