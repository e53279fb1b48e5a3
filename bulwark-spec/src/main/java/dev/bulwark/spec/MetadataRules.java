package dev.bulwark.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.KubernetesNames;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.spec.schema.Suggestions;
import dev.bulwark.spec.schema.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks the apiserver makes of a custom resource's {@code metadata}, for Bulwark's kinds: a
 * name (a DNS-1123 subdomain for the Platform, a DNS-1123 label for Tenant and Application, since
 * those names become parts of namespace and object names), no namespace on the cluster-scoped
 * kinds, well-formed labels and annotations, and no fields ObjectMeta does not have.
 */
final class MetadataRules {

  /** The keyword of an error about a label or annotation key, which is placed at the key. */
  static final String KEY = "key";

  /**
   * ObjectMeta's fields; the ones the server fills are allowed so `kubectl get -o yaml` output
   * loads.
   */
  private static final Set<String> OBJECT_META =
      new TreeSet<>(
          List.of(
              "name",
              "namespace",
              "labels",
              "annotations",
              "generateName",
              "uid",
              "resourceVersion",
              "generation",
              "creationTimestamp",
              "deletionTimestamp",
              "deletionGracePeriodSeconds",
              "ownerReferences",
              "finalizers",
              "managedFields",
              "selfLink"));

  private MetadataRules() {}

  /** Every problem with the metadata of a document of {@code kind}. */
  static List<SchemaError> check(String kind, JsonNode metadata) {
    List<SchemaError> errors = new ArrayList<>();
    FieldPath at = FieldPath.of("metadata");
    if (metadata == null || metadata.isNull() || metadata.isMissingNode()) {
      errors.add(
          new SchemaError(
              at.key("name"), SchemaError.REQUIRED, "a name (metadata.name)", "nothing", null));
      return errors;
    }
    if (!metadata.isObject()) {
      return errors; // the schema check reports the type
    }
    for (String field : iterable(metadata)) {
      if (!OBJECT_META.contains(field)) {
        errors.add(
            new SchemaError(
                at.key(field),
                SchemaError.UNKNOWN_FIELD,
                "one of " + String.join(", ", OBJECT_META),
                "`" + field + "`",
                Suggestions.closest(field, OBJECT_META).orElse(null)));
      }
    }
    name(kind, metadata.get("name"), at.key("name"), errors);
    namespace(kind, metadata.get("namespace"), at.key("namespace"), errors);
    stringMap(metadata.get("labels"), at.key("labels"), true, errors);
    stringMap(metadata.get("annotations"), at.key("annotations"), false, errors);
    return errors;
  }

  private static void name(String kind, JsonNode name, FieldPath at, List<SchemaError> errors) {
    boolean subdomain = kind.equals("Platform");
    String expected =
        subdomain
            ? "a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)"
            : "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit,"
                + " at most 63 characters)";
    if (name == null || name.isNull()) {
      errors.add(new SchemaError(at, SchemaError.REQUIRED, expected, "nothing", null));
      return;
    }
    String text = name.isTextual() ? name.asText() : null;
    boolean ok =
        text != null
            && (subdomain
                ? KubernetesNames.isDnsSubdomain(text)
                : KubernetesNames.isDnsLabel(text));
    if (!ok) {
      errors.add(new SchemaError(at, "name", expected, Values.describe(name), null));
    }
  }

  private static void namespace(
      String kind, JsonNode namespace, FieldPath at, List<SchemaError> errors) {
    if (namespace == null || namespace.isNull()) {
      return;
    }
    if (!kind.equals("Application")) {
      errors.add(
          new SchemaError(
              at,
              "namespace",
              "no namespace: a " + kind + " is cluster-scoped",
              Values.describe(namespace),
              null));
    } else if (!namespace.isTextual() || !KubernetesNames.isDnsLabel(namespace.asText())) {
      errors.add(
          new SchemaError(
              at,
              "namespace",
              "a namespace name (a DNS-1123 label)",
              Values.describe(namespace),
              null));
    }
  }

  private static void stringMap(
      JsonNode map, FieldPath at, boolean labels, List<SchemaError> errors) {
    if (map == null || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      errors.add(new SchemaError(at, "type", "a map of strings", Values.describe(map), null));
      return;
    }
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      FieldPath child = at.key(entry.getKey());
      if (!KubernetesNames.isQualifiedName(entry.getKey())) {
        errors.add(
            new SchemaError(
                child,
                KEY,
                "a key like example.com/name (an optional DNS subdomain prefix and"
                    + " a name of letters, digits, '-', '_' and '.', at most 63 characters)",
                Values.quote(entry.getKey()),
                null));
      }
      JsonNode value = entry.getValue();
      if (!value.isTextual()) {
        errors.add(
            new SchemaError(
                child,
                "type",
                "string",
                Values.describe(value)
                    + (value.isNumber() || value.isBoolean()
                        ? " (quote the value to make it a string)"
                        : ""),
                null));
      } else if (labels && !KubernetesNames.isLabelValue(value.asText())) {
        errors.add(
            new SchemaError(
                child,
                "labelValue",
                "a label value (at most 63 letters, digits, '-', '_' or '.',"
                    + " starting and ending with a letter or digit)",
                Values.describe(value),
                null));
      }
    }
  }

  private static Iterable<String> iterable(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
