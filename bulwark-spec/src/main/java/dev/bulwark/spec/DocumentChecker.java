package dev.bulwark.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spec.schema.FieldPath;
import dev.bulwark.spec.schema.SchemaDefaults;
import dev.bulwark.spec.schema.Values;
import dev.bulwark.yaml.YamlDocument;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * Checks one document on its own, in the apiserver's order (type meta, defaults, schema, metadata)
 * plus Bulwark's "not supported yet" fields, and binds it to its Java type if it passed.
 */
final class DocumentChecker {

  /**
   * A document after its own checks.
   *
   * @param doc the document
   * @param kind the kind, if it is one Bulwark reads
   * @param name its metadata.name, if it is a string (also for a document that failed, so that
   *     cross-object checks do not report a reference to it as unknown)
   * @param object the bound object, or {@code null} if the document has errors
   */
  record Checked(YamlDocument doc, String kind, String name, HasMetadata object) {}

  private final ObjectMapper mapper;
  private final NotSupportedFields notSupported;

  DocumentChecker(ObjectMapper mapper) {
    this.mapper = mapper;
    this.notSupported = new NotSupportedFields(mapper);
  }

  /**
   * Checks the document, adding its errors to {@code problems}; empty if it is of no kind Bulwark
   * reads.
   */
  Optional<Checked> check(YamlDocument doc, Problems problems) {
    JsonNode content = doc.content();
    if (!content.isObject()) {
      problems.at(
          doc,
          FieldPath.root(),
          "expected a mapping with apiVersion and kind, found "
              + Values.describeWhereStructureBelongs(content));
      return Optional.empty();
    }
    Optional<BulwarkCrds.Kind> kind = kindOf(doc, problems);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    int before = problems.size();
    JsonNode name = content.path("metadata").path("name");
    String nameText = name.isTextual() ? name.asText() : null;
    JsonNode schema = kind.get().crd().version("v1alpha1").orElseThrow().schema();
    JsonNode defaulted = SchemaDefaults.apply(schema, content);
    kind.get().crd().validate(content).forEach(e -> problems.schema(doc, e));
    MetadataRules.check(kind.get().kind(), content.get("metadata"))
        .forEach(e -> problems.schema(doc, e));
    // What the user wrote, not the defaulted copy: a default must never trip "not supported yet".
    notSupported
        .find(kind.get().type(), content)
        .forEach(f -> problems.atKey(doc, f.path(), f.message()));
    if (problems.size() > before) {
      return Optional.of(new Checked(doc, kind.get().kind(), nameText, null));
    }
    try {
      HasMetadata object = mapper.treeToValue(defaulted, kind.get().type());
      return Optional.of(new Checked(doc, kind.get().kind(), nameText, object));
    } catch (JsonProcessingException e) {
      // The schema is generated from these types, so this is a disagreement between the two.
      problems.at(
          doc,
          FieldPath.root(),
          "cannot read the " + kind.get().kind() + ": " + e.getOriginalMessage());
      return Optional.of(new Checked(doc, kind.get().kind(), nameText, null));
    }
  }

  /** The Bulwark kind of the document, or empty after reporting why it is none. */
  private static Optional<BulwarkCrds.Kind> kindOf(YamlDocument doc, Problems problems) {
    JsonNode content = doc.content();
    JsonNode apiVersion = content.get("apiVersion");
    JsonNode kind = content.get("kind");
    boolean ok = true;
    for (String field : new String[] {"apiVersion", "kind"}) {
      JsonNode value = content.get(field);
      if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
        problems.at(
            doc,
            FieldPath.root(),
            "every document needs apiVersion and kind; "
                + field
                + " is missing"
                + " (expected "
                + (field.equals("kind") ? BulwarkCrds.kindNames() : BulwarkCrds.API_VERSION)
                + ")");
        ok = false;
      } else if (!value.isTextual()) {
        problems.at(doc, FieldPath.of(field), "expected string, found " + Values.describe(value));
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    Optional<BulwarkCrds.Kind> known = BulwarkCrds.kind(kind.asText());
    String group =
        apiVersion.asText().contains("/")
            ? apiVersion.asText().substring(0, apiVersion.asText().indexOf('/'))
            : "";
    if (known.isEmpty()
        || !group.equals(
            BulwarkCrds.API_VERSION.substring(0, BulwarkCrds.API_VERSION.indexOf('/')))) {
      problems.at(
          doc,
          FieldPath.of("kind"),
          "expected a Bulwark kind ("
              + BulwarkCrds.API_VERSION
              + " "
              + BulwarkCrds.kindNames()
              + "), found "
              + apiVersion.asText()
              + " "
              + kind.asText());
      return Optional.empty();
    }
    if (!apiVersion.asText().equals(BulwarkCrds.API_VERSION)) {
      // Crd.validate names the served versions.
      known.get().crd().validate(content).stream()
          .filter(e -> e.fieldPath().equals("apiVersion"))
          .forEach(e -> problems.schema(doc, e));
      return Optional.empty();
    }
    return known;
  }
}
