package dev.bulwark.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.SharedData;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.SchemaError;
import dev.bulwark.spec.schema.SchemaValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes' own schemas: the definitions of its swagger 2.0 document ({@code
 * ../shared/k8s-openapi/swagger.json}, Kubernetes 1.36), found by group, version and kind through
 * {@code x-kubernetes-group-version-kind}, and validated strictly with {@link
 * SchemaValidator#swagger} (unknown fields are errors).
 *
 * <p>The document is parsed once per JVM ({@link #shared()}); parsing the 4 MB file takes about 0.3
 * s on the build machine, after which each validation is a tree walk.
 *
 * <p>Whether a kind is namespaced comes from the document's paths: a kind is namespaced if one of
 * its operations is under {@code /namespaces/{namespace}/}.
 */
public final class KubernetesSchemas {

  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final SchemaValidator validator;
  private final Map<GroupVersionKind, String> definitions;
  private final Set<GroupVersionKind> namespaced;

  private KubernetesSchemas(JsonNode swagger) {
    this.validator = SchemaValidator.swagger(swagger);
    this.definitions = index(swagger.path("definitions"));
    this.namespaced = namespacedKinds(swagger.path("paths"));
  }

  private static final class Holder {
    static final Optional<KubernetesSchemas> SHARED =
        SharedData.resolve("k8s-openapi/swagger.json").map(KubernetesSchemas::load);
  }

  /** The schemas of the shared folder, loaded once; empty if the folder or the file is absent. */
  public static Optional<KubernetesSchemas> shared() {
    return Holder.SHARED;
  }

  /** Loads a swagger 2.0 document such as Kubernetes' {@code api/openapi-spec/swagger.json}. */
  public static KubernetesSchemas load(Path swaggerJson) {
    try {
      return new KubernetesSchemas(new ObjectMapper().readTree(swaggerJson.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + swaggerJson, e);
    }
  }

  private static Map<GroupVersionKind, String> index(JsonNode definitions) {
    Map<GroupVersionKind, String> index = new HashMap<>();
    for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
      for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
        // Options types such as DeleteOptions list every group; the first definition wins.
        index.putIfAbsent(
            new GroupVersionKind(
                gvk.path("group").asText(),
                gvk.path("version").asText(),
                gvk.path("kind").asText()),
            definition.getKey());
      }
    }
    return Map.copyOf(index);
  }

  private static Set<GroupVersionKind> namespacedKinds(JsonNode paths) {
    Set<GroupVersionKind> kinds = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      if (!path.getKey().contains("/namespaces/{namespace}/")) {
        continue;
      }
      for (JsonNode operation : path.getValue()) {
        JsonNode gvk = operation.path("x-kubernetes-group-version-kind");
        if (gvk.isObject()) {
          kinds.add(
              new GroupVersionKind(
                  gvk.path("group").asText(),
                  gvk.path("version").asText(),
                  gvk.path("kind").asText()));
        }
      }
    }
    return Set.copyOf(kinds);
  }

  /** Whether Kubernetes itself serves this kind at this version. */
  public boolean isBuiltIn(GroupVersionKind gvk) {
    return definitions.containsKey(gvk);
  }

  /** Whether {@code apiVersion}/{@code kind} is served by Kubernetes itself. */
  public boolean isBuiltIn(String apiVersion, String kind) {
    return isBuiltIn(GroupVersionKind.of(apiVersion, kind));
  }

  /**
   * Whether the group is one of Kubernetes' own ("" for core, apps, rbac.authorization.k8s.io,
   * ...).
   */
  public boolean isBuiltInGroup(String group) {
    return definitions.keySet().stream().anyMatch(gvk -> gvk.group().equals(group));
  }

  /** The versions at which Kubernetes serves this group and kind, sorted. */
  public Set<String> versionsOf(String group, String kind) {
    Set<String> versions = new TreeSet<>();
    definitions.keySet().stream()
        .filter(g -> g.group().equals(group) && g.kind().equals(kind))
        .forEach(g -> versions.add(g.version()));
    return versions;
  }

  /** Whether objects of this built-in kind live in a namespace. */
  public boolean isNamespaced(GroupVersionKind gvk) {
    return namespaced.contains(gvk);
  }

  /**
   * The swagger definition name of a built-in kind, such as {@code io.k8s.api.apps.v1.Deployment}.
   */
  public Optional<String> definitionName(GroupVersionKind gvk) {
    return Optional.ofNullable(definitions.get(gvk));
  }

  /** The validator over this document, to validate against any of its definitions. */
  public SchemaValidator validator() {
    return validator;
  }

  /**
   * Every way the object breaks the schema of its kind; a single error if the kind is not one
   * Kubernetes serves.
   */
  public List<SchemaError> validate(JsonNode object) {
    GroupVersionKind gvk = GroupVersionKind.of(object);
    Optional<String> definition = definitionName(gvk);
    if (definition.isEmpty()) {
      Set<String> versions = versionsOf(gvk.group(), gvk.kind());
      String expected =
          versions.isEmpty()
              ? "a kind Kubernetes serves"
              : "a version Kubernetes serves (" + String.join(", ", versions) + ")";
      return List.of(new SchemaError(FieldPath.of("kind"), "kind", expected, gvk.toString(), null));
    }
    return validator.validate(ref(definition.get()), object);
  }

  /** Like {@link #validate(JsonNode)} for a fabric8 object. */
  public List<SchemaError> validate(HasMetadata object) {
    return validate(Schemas.toJson(object));
  }

  /**
   * Validates {@code metadata} (found at {@code at}) as an ObjectMeta, as the apiserver does for
   * custom resources.
   */
  public List<SchemaError> validateObjectMeta(JsonNode metadata, FieldPath at) {
    return validator.validate(ref(OBJECT_META), metadata, at);
  }

  private static JsonNode ref(String definition) {
    ObjectNode ref = JsonNodeFactory.instance.objectNode();
    ref.put("$ref", "#/definitions/" + definition);
    return ref;
  }
}
