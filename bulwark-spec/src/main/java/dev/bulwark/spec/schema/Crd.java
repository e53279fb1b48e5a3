package dev.bulwark.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an {@code apiextensions.k8s.io/v1} CustomResourceDefinition that validation needs:
 * its group, kind, scope and, per version, whether it is served and its {@code openAPIV3Schema}.
 *
 * @param name the CRD's own name, {@code <plural>.<group>}
 * @param group the API group
 * @param kind the kind of its resources
 * @param plural the plural resource name
 * @param namespaced whether its resources live in namespaces
 * @param versions its versions, in the order the CRD lists them
 */
public record Crd(
    String name,
    String group,
    String kind,
    String plural,
    boolean namespaced,
    List<Version> versions) {

  /**
   * One version of a CRD.
   *
   * @param schema the {@code openAPIV3Schema}, or a missing node if the version has none
   */
  public record Version(
      String name, boolean served, boolean storage, boolean deprecated, JsonNode schema) {}

  public Crd {
    versions = List.copyOf(versions);
  }

  /** Whether the JSON document is a CustomResourceDefinition. */
  public static boolean isCrd(JsonNode document) {
    return "CustomResourceDefinition".equals(document.path("kind").asText())
        && document.path("apiVersion").asText().startsWith("apiextensions.k8s.io/");
  }

  /**
   * Reads an {@code apiextensions.k8s.io/v1} CRD; throws {@link IllegalArgumentException} for
   * anything else.
   */
  public static Crd parse(JsonNode document) {
    if (!isCrd(document)
        || !"apiextensions.k8s.io/v1".equals(document.path("apiVersion").asText())) {
      throw new IllegalArgumentException(
          "not an apiextensions.k8s.io/v1 CustomResourceDefinition: "
              + document.path("apiVersion").asText()
              + " "
              + document.path("kind").asText());
    }
    JsonNode spec = document.path("spec");
    List<Version> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      versions.add(
          new Version(
              version.path("name").asText(),
              version.path("served").asBoolean(false),
              version.path("storage").asBoolean(false),
              version.path("deprecated").asBoolean(false),
              version.path("schema").path("openAPIV3Schema")));
    }
    return new Crd(
        document.path("metadata").path("name").asText(),
        spec.path("group").asText(),
        spec.path("names").path("kind").asText(),
        spec.path("names").path("plural").asText(),
        "Namespaced".equals(spec.path("scope").asText()),
        versions);
  }

  /** The version with this name, if the CRD has it (served or not). */
  public Optional<Version> version(String name) {
    return versions.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** The names of the served versions, in CRD order. */
  public List<String> servedVersions() {
    return versions.stream().filter(Version::served).map(Version::name).toList();
  }

  /**
   * Validates a resource of this CRD as the apiserver does on create: its {@code apiVersion} must
   * name a served version, and the object, with that version's defaults applied ({@link
   * SchemaDefaults}), must conform to its schema (see {@link SchemaValidator#validateResource}).
   * The caller checks {@code kind} and the content of {@code metadata}.
   */
  public List<SchemaError> validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String versionName = apiVersion.substring(apiVersion.indexOf('/') + 1);
    Optional<Version> version =
        apiVersion.startsWith(group + "/") ? version(versionName) : Optional.empty();
    String served = String.join(", ", servedVersions().stream().map(v -> group + "/" + v).toList());
    FieldPath at = FieldPath.of("apiVersion");
    if (version.isEmpty()) {
      return List.of(
          new SchemaError(at, "apiVersion", "one of " + served, Values.quote(apiVersion), null));
    }
    if (!version.get().served()) {
      return List.of(
          new SchemaError(
              at,
              "apiVersion",
              "a served version (" + served + ")",
              Values.quote(apiVersion) + ", which the CRD " + name + " does not serve",
              null));
    }
    JsonNode schema = version.get().schema();
    if (schema.isMissingNode()) {
      return List.of();
    }
    return SchemaValidator.structural()
        .validateResource(schema, SchemaDefaults.apply(schema, object));
  }
}
